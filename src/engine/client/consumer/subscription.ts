import { Reader } from '../../protocol/reader';
import { Writer } from '../../protocol/writer';

/** ConsumerProtocolSubscription as members send it in JoinGroup metadata. */
export interface Subscription {
  topics: string[];
  userData: Buffer | null;
  /** v1+: partitions the member owns (cooperative members); empty for eager ones. */
  ownedPartitions: Array<{ topic: string; partitions: number[] }>;
}

/**
 * Encodes a v1 subscription, with no owned partitions (eager members give up everything before
 * they rejoin). v1 is what librdkafka sends; every later version only appends fields.
 */
export function encodeSubscription(topics: readonly string[], userData: Buffer | null = null): Buffer {
  const w = new Writer();
  w.int16(1);
  w.arrayLength(topics.length);
  for (const t of [...topics].sort()) w.string(t);
  w.nullableBytes(userData);
  w.arrayLength(0);
  return w.finish();
}

/**
 * Decodes any version (v0 is topics + user data; v1 adds owned partitions; v2 generation, v3 rack,
 * read past and ignored). Throws on bytes that are not a subscription, so the leader can name the member.
 */
export function decodeSubscription(bytes: Buffer): Subscription {
  const r = new Reader(bytes);
  const version = r.int16();
  if (version < 0) throw new Error(`subscription version ${version}`);
  const topics: string[] = [];
  const n = r.arrayLength() ?? 0;
  for (let i = 0; i < n; i++) topics.push(r.string());
  const userData = r.remaining > 0 ? r.nullableBytes() : null;
  const ownedPartitions: Subscription['ownedPartitions'] = [];
  if (version >= 1 && r.remaining > 0) {
    const m = r.arrayLength() ?? 0;
    for (let i = 0; i < m; i++) {
      const topic = r.string();
      const k = r.arrayLength() ?? 0;
      const partitions: number[] = [];
      for (let j = 0; j < k; j++) partitions.push(r.int32());
      ownedPartitions.push({ topic, partitions });
    }
  }
  return { topics, userData, ownedPartitions };
}

/** ConsumerProtocolAssignment v0 (decodeMemberAssignment in ../consumer-protocol reads it back). */
export function encodeAssignment(partitions: ReadonlyArray<{ topic: string; partition: number }>, userData: Buffer | null = null): Buffer {
  const byTopic = new Map<string, number[]>();
  for (const p of partitions) byTopic.set(p.topic, [...(byTopic.get(p.topic) ?? []), p.partition]);
  const w = new Writer();
  w.int16(0);
  w.arrayLength(byTopic.size);
  for (const [topic, ps] of [...byTopic].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    w.string(topic);
    w.arrayLength(ps.length);
    for (const p of ps.sort((a, b) => a - b)) w.int32(p);
  }
  w.nullableBytes(userData);
  return w.finish();
}
