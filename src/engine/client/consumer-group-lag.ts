/**
 * Consumer lag over the protocol: a group's committed offsets (OffsetFetch) joined with the log
 * end each partition shows consumers (ListOffsets latest = the high watermark), and the time lag —
 * the age of the oldest record the group has not consumed, read with one small Fetch.
 */
import { systemClock, type Clock } from '../clock';
import type { GroupSample, LagCollection, LagCollector, PartitionLag, PartitionLogEnd, PartitionReplicaSample } from '../group/lag-sampler';
import type { Admin } from './admin';
import type { CommittedOffset, GroupDescription, TopicPartition } from './admin-groups';
import { UnsupportedApiError } from './client-errors';
import { Fetcher } from './fetcher';
import { replicaSizes } from './log-dir-sizes';

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
/**
 * Time lag needs one record's timestamp, so a Fetch asks for a single byte: since Fetch v3 (KIP-74)
 * the broker still returns the first batch at the offset whole, and nothing after it. A larger
 * limit made the broker send (and the sampler decode) up to that many bytes of records per Fetch,
 * which was most of the sampler's cold-start CPU (1,000 Fetches × 64 KiB at 100 groups ×
 * 100 partitions). Older servers send part of the batch; the Fetcher then asks for its exact size.
 */
export const TIME_LAG_FETCH_BYTES = 1;

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
  // Without DescribeGroups (librdkafka's mock) the committed offsets still tell the lag; state and members are unknown.
  const [group] = await admin.describeGroups([groupId]).catch((e: unknown) => {
    if (!(e instanceof UnsupportedApiError)) throw e;
    return [{ groupId, state: 'Unknown', protocolType: '', protocol: '', members: [], coordinatorId: -1 } satisfies GroupDescription];
  });
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
  /** Describe every group each tick (one DescribeGroups per coordinator): members, for ownership and rebalances. */
  describeGroups?: boolean;
  /** Read partition sizes (DescribeLogDirs per broker) for produce bytes/s. */
  logSizes?: boolean;
  /** At most this many time-lag Fetches per tick; partitions beyond it get null until a later tick. Default 200. */
  timeLagFetchesPerTick?: number;
}

/**
 * The timestamp of the record at (topic, partition, offset) does not change while the record
 * exists, so time lag = now − that timestamp needs one Fetch per committed offset, not per tick:
 * a group that stopped costs nothing after its first tick. Entries not asked for in a tick go.
 */
export class RecordTimestampCache {
  private entries = new Map<string, number | null>();
  private used = new Map<string, number | null>();

  get(topic: string, partition: number, offset: number): number | null | undefined {
    const k = `${topic}\u0000${partition}\u0000${offset}`;
    const v = this.entries.get(k);
    if (v !== undefined) this.used.set(k, v);
    return v;
  }

  set(topic: string, partition: number, offset: number, timestamp: number | null): void {
    const k = `${topic}\u0000${partition}\u0000${offset}`;
    this.entries.set(k, timestamp);
    this.used.set(k, timestamp);
  }

  /** Ends a tick: keeps only what it used. */
  sweep(): void {
    this.entries = this.used;
    this.used = new Map();
  }
}

/** The first record's timestamp at or after `fromOffset`, below `logEndOffset`; null when none or it has no timestamp. */
async function recordTimestamp(admin: Admin, topic: string, partition: number, fromOffset: number, logEndOffset: number): Promise<number | null> {
  const fetcher = new Fetcher(admin.client);
  for await (const r of fetcher.readRange({ topic, partition, fromOffset, untilOffset: logEndOffset, maxBytes: TIME_LAG_FETCH_BYTES })) {
    return r.timestamp >= 0 ? r.timestamp : null;
  }
  return null;
}

/** Runs `jobs` at most `limit` at a time. */
async function inBatches(jobs: Array<() => Promise<void>>, limit: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, jobs.length) }, async () => {
      while (next < jobs.length) await jobs[next++]!();
    }),
  );
}

/**
 * A LagSampler collector reading through `admin`: Metadata (replicas, ISR), every non-internal
 * partition's log end in one ListOffsets round per leader, every group's committed offsets, time
 * lag from cached record timestamps, and (optionally) the groups described per coordinator.
 */
export function lagCollector(admin: Admin, options: LagCollectorOptions = {}): LagCollector {
  const clock = options.clock ?? systemClock;
  const timestamps = new RecordTimestampCache();
  const fetchBudget = options.timeLagFetchesPerTick ?? 200;
  return async (): Promise<LagCollection> => {
    const meta = await admin.client.refreshMetadata(null);
    const topicPartitions: TopicPartition[] = [];
    const replicas: PartitionReplicaSample[] = [];
    for (const t of meta.topics.values()) {
      if (t.isInternal) continue;
      for (const p of t.partitions) {
        topicPartitions.push({ topic: t.name, partition: p.partition });
        replicas.push({ topic: t.name, partition: p.partition, leader: p.leaderId, replicas: p.replicas.length, isr: p.isr.length });
      }
    }
    // A cluster without ListGroups (librdkafka's mock) still has topics worth sampling.
    const listed = options.groups ? null : await admin.listGroups().catch((e: unknown) => {
      if (e instanceof UnsupportedApiError) return { groups: [], brokerErrors: [] };
      throw e;
    });
    const groupIds = options.groups ?? listed!.groups.map((g) => g.groupId);
    const [committedByGroup, groups] = await Promise.all([
      Promise.all(groupIds.map(async (g) => ({ group: g, offsets: await admin.offsetFetch(g).catch(() => [] as CommittedOffset[]) }))),
      options.describeGroups && listed ? describeListed(admin, listed.groups) : Promise.resolve(undefined),
    ]);
    // Committed partitions of topics the metadata does not list (just deleted) get no log end.
    const [ends, sizes] = await Promise.all([
      logEndOffsets(admin, topicPartitions),
      options.logSizes ? replicaSizes(admin.client, meta.brokers.map((b) => b.nodeId)) : Promise.resolve(null),
    ]);
    const leaders = new Map(replicas.map((r) => [key(r.topic, r.partition), r.leader]));
    const logSizes = sizes?.filter((s) => leaders.get(key(s.topic, s.partition)) === s.brokerId).map((s) => ({ topic: s.topic, partition: s.partition, bytes: s.bytes }));
    const logEnds: PartitionLogEnd[] = topicPartitions.map((tp) => ({ ...tp, logEndOffset: ends.get(key(tp.topic, tp.partition))! }));
    const now = clock.now();
    const lag: PartitionLag[] = [];
    const misses: Array<() => Promise<void>> = [];
    const missed = new Set<string>();
    for (const { group, offsets } of committedByGroup) {
      for (const c of offsets) {
        const end = ends.get(key(c.topic, c.partition));
        if (end === undefined) continue;
        const committed = committedOf(c);
        const row: PartitionLag = { group, topic: c.topic, partition: c.partition, committedOffset: committed, logEndOffset: end, lag: null, timeLagMs: null };
        lag.push(row);
        if (committed === null || end < 0) continue;
        row.lag = Math.max(0, end - committed);
        if (options.timeLag === false) continue;
        if (row.lag === 0) {
          row.timeLagMs = 0;
          continue;
        }
        const ts = timestamps.get(c.topic, c.partition, committed);
        if (ts !== undefined) {
          row.timeLagMs = ts === null ? null : Math.max(0, now - ts);
          continue;
        }
        const k = `${c.topic}\u0000${c.partition}\u0000${committed}`;
        if (missed.has(k) || missed.size >= fetchBudget) continue;
        missed.add(k);
        misses.push(async () => {
          const t = await recordTimestamp(admin, c.topic, c.partition, committed, end).catch(() => undefined);
          if (t !== undefined) timestamps.set(c.topic, c.partition, committed, t);
        });
      }
    }
    await inBatches(misses, 16);
    // Rows whose timestamp arrived this tick.
    for (const row of lag) {
      if (row.timeLagMs !== null || row.lag === null || row.lag === 0 || row.committedOffset === null) continue;
      const ts = timestamps.get(row.topic, row.partition, row.committedOffset);
      if (ts !== undefined && ts !== null) row.timeLagMs = Math.max(0, now - ts);
    }
    timestamps.sweep();
    return { lag, logEnds, groups, replicas, brokers: meta.brokers.map((b) => b.nodeId), clusterId: meta.clusterId, ...(logSizes ? { logSizes } : {}) };
  };
}

/** DescribeGroups per coordinator, as ListGroups grouped them; a coordinator that fails leaves its groups out. */
export async function describeListed(admin: Admin, listed: ReadonlyArray<{ groupId: string; coordinatorId: number }>): Promise<GroupSample[]> {
  const byNode = new Map<number, string[]>();
  for (const g of listed) byNode.set(g.coordinatorId, [...(byNode.get(g.coordinatorId) ?? []), g.groupId]);
  const out: GroupSample[] = [];
  await Promise.all(
    [...byNode].map(async ([node, ids]) => {
      const described = await admin.describeGroupsAt(node, ids).catch(() => []);
      for (const d of described) if (!('error' in d)) out.push(summarizeGroup(d));
    }),
  );
  return out.sort((a, b) => (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0));
}

/** A described group as the sampler and the console show it: members with their assigned partitions. */
export function summarizeGroup(g: GroupDescription): GroupSample {
  return {
    groupId: g.groupId,
    state: g.state,
    protocolType: g.protocolType,
    protocol: g.protocol,
    coordinatorId: g.coordinatorId,
    members: g.members.map((m) => ({
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      clientId: m.clientId,
      clientHost: m.clientHost,
      assignment: (m.assignedPartitions?.partitions ?? []).flatMap((t) => t.partitions.map((partition) => ({ topic: t.topic, partition }))),
    })),
  };
}
