// A workload's recorded history (workloads:history, JSON) in the checker's types: what its producer
// was told and what its members processed, so the experiments judge a workload as the tests judge
// the client drivers.
import type { WorkloadProcessedEntry, WorkloadSendEntry } from '../../shared/workload-types';
import type { AckedWrite, AcknowledgedWrite, ConsumedRecord, IndeterminateWrite } from './types';

/** The value a producer workload sent: its prefix padded with "." to its size (see producer-workload.ts). */
export function workloadValueBytes(valueId: string, valueBytes: number): Buffer {
  return Buffer.from(valueId.length >= valueBytes ? valueId : valueId + '.'.repeat(valueBytes - valueId.length));
}

export interface WorkloadWrites {
  acknowledged: Array<AckedWrite | AcknowledgedWrite>;
  /** Failed and indeterminate sends: either may be stored at most once (a failure after a retry can still be in the log). */
  indeterminate: IndeterminateWrite[];
}

/** Sends → the checker's writes, with the workload id as the producer name. */
export function workloadWrites(workloadId: string, sends: readonly WorkloadSendEntry[]): WorkloadWrites {
  const out: WorkloadWrites = { acknowledged: [], indeterminate: [] };
  for (const s of sends) {
    const key = s.key === null ? null : Buffer.from(s.key);
    const value = workloadValueBytes(s.valueId, s.valueBytes);
    if (s.status === 'acknowledged' && s.partition !== null) {
      out.acknowledged.push({ topic: s.topic, partition: s.partition, offset: s.offset, key, value, producer: workloadId, seq: s.sendSeq });
    } else {
      out.indeterminate.push({ topic: s.topic, partition: s.partition, key, value, producer: workloadId, seq: s.sendSeq, error: s.error ?? s.status });
    }
  }
  return out;
}

export interface ProcessedRecord extends ConsumedRecord {
  member: number;
  memberId: string;
  generation: number;
  outcome: WorkloadProcessedEntry['outcome'];
}

/**
 * Processed entries → consumed records with who processed them. The value is rebuilt from its
 * prefix only when the producer workload's value size is given (the entry does not carry it).
 */
export function workloadProcessed(entries: readonly WorkloadProcessedEntry[], valueBytes?: number): ProcessedRecord[] {
  return entries.map((e) => ({
    topic: e.topic,
    partition: e.partition,
    offset: e.offset,
    key: e.key === null ? null : Buffer.from(e.key),
    value: valueBytes === undefined ? Buffer.from(e.valueId) : workloadValueBytes(e.valueId, valueBytes),
    headers: [],
    timestamp: e.at,
    member: e.member,
    memberId: e.memberId,
    generation: e.generation,
    outcome: e.outcome,
  }));
}
