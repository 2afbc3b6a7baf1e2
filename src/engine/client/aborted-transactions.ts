import type { DecodedRecordBatch } from '../protocol/record-batch-decoder';

export interface AbortedTransaction {
  producerId: bigint;
  firstOffset: number;
}

/**
 * read_committed filtering, as Kafka's consumer does it: a transactional batch is dropped while its
 * producer has an aborted transaction that started at or before the batch, until that producer's
 * ABORT marker. Control batches pass through (callers skip them but advance past them).
 */
export function filterAborted(batches: readonly DecodedRecordBatch[], aborted: readonly AbortedTransaction[]): DecodedRecordBatch[] {
  if (aborted.length === 0) return [...batches];
  const queue = [...aborted].sort((a, b) => a.firstOffset - b.firstOffset);
  const abortedProducers = new Set<bigint>();
  const out: DecodedRecordBatch[] = [];
  for (const b of batches) {
    if (!b.isTransactional) {
      out.push(b);
      continue;
    }
    while (queue.length > 0 && queue[0].firstOffset <= b.lastOffset) abortedProducers.add(queue.shift()!.producerId);
    const pid = b.header.producerId;
    if (b.isControl) {
      if (b.controlRecords.some((r) => r.type === 'ABORT')) abortedProducers.delete(pid);
      out.push(b);
      continue;
    }
    if (!abortedProducers.has(pid)) out.push(b);
  }
  return out;
}
