// The group coordinator's own record of each rebalance (issue 13 §1): every generation a classic
// group completes is one GroupMetadata record in __consumer_offsets (key version 2: generation,
// protocol, leader, members), the record Kafka's GroupMetadataMessageFormatter prints. The sampler
// reads the new records of __consumer_offsets each tick, so a rebalance carries its real
// generation and its members, also on an external cluster, and one that ended with the same
// members inside a tick is still seen. It starts at the log end when it attaches (what happened
// before is not read: that would make the cold start read every offset commit ever made), and
// reads only partitions whose log end moved.
import type { Admin } from '../../client/admin';
import { logEndOffsets } from '../../client/consumer-group-lag';
import { Fetcher } from '../../client/fetcher';
import { decodeGroupMetadataValue, decodeGroupRecordKey } from '../../group/group-records-codec';

export const OFFSETS_TOPIC = '__consumer_offsets';

/** One GroupMetadata record: a generation's members as the coordinator stored them. */
export interface GenerationRecord {
  group: string;
  /** The coordinator's write time (the record's timestamp). */
  at: number;
  generation: number;
  members: Array<{ memberId: string; clientId: string; clientHost: string; groupInstanceId: string | null }>;
}

/** At most this many bytes read from one partition per tick; the rest waits for the next tick. */
const MAX_BYTES_PER_PARTITION_TICK = 1024 * 1024;

export class GroupMetadataTail {
  /** Next offset to read, per __consumer_offsets partition; null before the first poll. */
  private positions: Map<number, number> | null = null;
  private readonly fetcher: Fetcher;

  constructor(private readonly admin: Admin) {
    this.fetcher = new Fetcher(admin.client);
  }

  /**
   * The GroupMetadata records written since the last poll, in offset order per partition. Throws
   * when the cluster does not let the topic be read (the caller then falls back to member diffs).
   */
  async poll(): Promise<GenerationRecord[]> {
    const meta = await this.admin.client.topic(OFFSETS_TOPIC);
    const partitions = meta.partitions.map((p) => ({ topic: OFFSETS_TOPIC, partition: p.partition }));
    const ends = await logEndOffsets(this.admin, partitions);
    const endOf = (p: number) => ends.get(`${OFFSETS_TOPIC}\u0000${p}`) ?? -1;
    if (this.positions === null) {
      this.positions = new Map(partitions.map((p) => [p.partition, endOf(p.partition)]));
      return [];
    }
    const out: GenerationRecord[] = [];
    for (const { partition } of partitions) {
      const end = endOf(partition);
      const from = this.positions.get(partition) ?? end;
      if (end <= from) {
        // A partition that shrank (recreated topic) restarts at its end.
        this.positions.set(partition, end);
        continue;
      }
      let next = from;
      let bytes = 0;
      for await (const r of this.fetcher.readRange({ topic: OFFSETS_TOPIC, partition, fromOffset: from, untilOffset: end })) {
        next = r.offset + 1;
        bytes += (r.key?.length ?? 0) + (r.value?.length ?? 0);
        const generation = r.key && r.value ? generationOf(r.key, r.value, r.timestamp) : null;
        if (generation) out.push(generation);
        if (bytes > MAX_BYTES_PER_PARTITION_TICK) break;
      }
      this.positions.set(partition, next);
    }
    return out;
  }
}

/** The record as a generation, or null for offset commits, tombstones and records this code does not know. */
export function generationOf(key: Buffer, value: Buffer, timestamp: number): GenerationRecord | null {
  try {
    const k = decodeGroupRecordKey(key);
    if (k.kind !== 'groupMetadata') return null;
    const v = decodeGroupMetadataValue(value);
    return {
      group: k.group,
      at: timestamp,
      generation: v.generation,
      members: v.members.map((m) => ({ memberId: m.memberId, clientId: m.clientId, clientHost: m.clientHost, groupInstanceId: m.groupInstanceId })),
    };
  } catch {
    // A newer record version than this code reads: not a reason to stop sampling.
    return null;
  }
}
