/**
 * Consumer lag over the protocol: a group's committed offsets (OffsetFetch) joined with the log
 * end each partition shows consumers (ListOffsets latest = the high watermark), and the time lag —
 * the age of the oldest record the group has not consumed, read with one small Fetch.
 */
import { systemClock, type Clock } from '../clock';
import type { LagCollection, LagCollector, PartitionLag, PartitionLogEnd } from '../group/lag-sampler';
import type { Admin } from './admin';
import type { CommittedOffset, GroupDescription, TopicPartition } from './admin-groups';
import { Fetcher } from './fetcher';

/** A partition row of `describe`: Kafka's columns plus the time lag. */
export interface PartitionLagRow extends PartitionLag {
  /** The member the partition is assigned to, null when none is. */
  consumerId: string | null;
  host: string | null;
  clientId: string | null;
}

export interface GroupLag {
  group: GroupDescription;
  rows: PartitionLagRow[];
}

export interface LagOptions {
  /** Measure time lag (one Fetch per lagging partition). Default true. */
  timeLag?: boolean;
  clock?: Clock;
}

const key = (topic: string, partition: number) => `${topic}\u0000${partition}`;
/** Enough for the first batch at the committed offset; the broker sends a larger one whole. */
const TIME_LAG_FETCH_BYTES = 64 * 1024;

/** The high watermark of each partition, keyed by topic and partition. */
export async function logEndOffsets(admin: Admin, partitions: readonly TopicPartition[]): Promise<Map<string, number>> {
  if (partitions.length === 0) return new Map();
  const listed = await admin.listOffsets(partitions.map((p) => ({ topic: p.topic, partition: p.partition, spec: 'latest' as const })));
  return new Map(listed.map((l) => [key(l.topic, l.partition), l.offset]));
}

/**
 * The age of the first record at or after `fromOffset` (the oldest one the group has not
 * consumed; from the log start when `fromOffset` was deleted), or null when there is none below
 * `logEndOffset` or it has no timestamp.
 */
export async function recordAge(admin: Admin, topic: string, partition: number, fromOffset: number, logEndOffset: number, nowMs: number): Promise<number | null> {
  const fetcher = new Fetcher(admin.client);
  for await (const r of fetcher.readRange({ topic, partition, fromOffset, untilOffset: logEndOffset, maxBytes: TIME_LAG_FETCH_BYTES })) {
    return r.timestamp >= 0 ? Math.max(0, nowMs - r.timestamp) : null;
  }
  return null;
}

/** A committed offset as lag sees it: Kafka's "no offset" (-1) and admin sentinels count as none. */
function committedOf(c: CommittedOffset | undefined): number | null {
  return c && c.offset >= 0 ? c.offset : null;
}

async function lagRow(admin: Admin, group: string, tp: TopicPartition, committed: number | null, logEnd: number | undefined, options: LagOptions): Promise<PartitionLag> {
  const logEndOffset = logEnd ?? -1;
  const lag = committed !== null && logEndOffset >= 0 ? Math.max(0, logEndOffset - committed) : null;
  let timeLagMs: number | null = null;
  if (options.timeLag !== false && lag !== null) {
    const now = (options.clock ?? systemClock).now();
    timeLagMs = lag === 0 ? 0 : await recordAge(admin, tp.topic, tp.partition, committed!, logEndOffset, now).catch(() => null);
  }
  return { group, topic: tp.topic, partition: tp.partition, committedOffset: committed, logEndOffset, lag, timeLagMs };
}

/**
 * What `kafka-consumer-groups.sh --describe` shows for one group: a row per assigned partition
 * (with its member) and per committed partition no member holds, sorted by topic and partition.
 */
export async function describeGroupLag(admin: Admin, groupId: string, options: LagOptions = {}): Promise<GroupLag> {
  const [group] = await admin.describeGroups([groupId]);
  const committed = group!.state === 'Dead' ? [] : await admin.offsetFetch(groupId);
  const owners = new Map<string, { consumerId: string; host: string; clientId: string }>();
  const partitions = new Map<string, TopicPartition>();
  for (const m of group!.members) {
    for (const t of m.assignedPartitions?.partitions ?? []) {
      for (const partition of t.partitions) {
        owners.set(key(t.topic, partition), { consumerId: m.memberId, host: m.clientHost, clientId: m.clientId });
        partitions.set(key(t.topic, partition), { topic: t.topic, partition });
      }
    }
  }
  const committedByKey = new Map(committed.map((c) => [key(c.topic, c.partition), c]));
  for (const c of committed) partitions.set(key(c.topic, c.partition), { topic: c.topic, partition: c.partition });
  const list = [...partitions.values()].sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
  const ends = await logEndOffsets(admin, list);
  const rows = await Promise.all(
    list.map(async (tp) => {
      const k = key(tp.topic, tp.partition);
      const row = await lagRow(admin, groupId, tp, committedOf(committedByKey.get(k)), ends.get(k), options);
      const owner = owners.get(k);
      return { ...row, consumerId: owner?.consumerId ?? null, host: owner?.host ?? null, clientId: owner?.clientId ?? null };
    }),
  );
  return { group: group!, rows };
}

export interface LagCollectorOptions extends LagOptions {
  /** Only these groups; default every group ListGroups reports. */
  groups?: readonly string[];
}

/**
 * A LagSampler collector reading through `admin`: every non-internal topic's log ends (for
 * throughput) and every group's committed offsets, in one ListOffsets round per tick.
 */
export function lagCollector(admin: Admin, options: LagCollectorOptions = {}): LagCollector {
  return async (): Promise<LagCollection> => {
    const meta = await admin.client.refreshMetadata(null);
    const topicPartitions: TopicPartition[] = [];
    for (const t of meta.topics.values()) {
      if (t.isInternal) continue;
      for (const p of t.partitions) topicPartitions.push({ topic: t.name, partition: p.partition });
    }
    const groupIds = options.groups ?? (await admin.listGroups()).groups.map((g) => g.groupId);
    const committedByGroup = await Promise.all(groupIds.map(async (g) => ({ group: g, offsets: await admin.offsetFetch(g) })));
    // Committed partitions of topics the metadata does not list (just deleted) get no log end.
    const ends = await logEndOffsets(admin, topicPartitions);
    const logEnds: PartitionLogEnd[] = topicPartitions.map((tp) => ({ ...tp, logEndOffset: ends.get(key(tp.topic, tp.partition))! }));
    const lag = await Promise.all(
      committedByGroup.flatMap(({ group, offsets }) =>
        offsets.filter((c) => ends.has(key(c.topic, c.partition))).map((c) => lagRow(admin, group, c, committedOf(c), ends.get(key(c.topic, c.partition)), options)),
      ),
    );
    return { lag, logEnds };
  };
}
