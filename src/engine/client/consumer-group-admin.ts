/**
 * What kafka-consumer-groups.sh does, over the project's client: describe a group with its lag,
 * reset its offsets (refused unless the group is inactive), delete it or its offsets for a topic.
 */
import { systemClock, type Clock } from '../clock';
import {
  OffsetResetError,
  planOffsetReset,
  resetTimestamp,
  validateResetSpec,
  type OffsetResetPlanRow,
  type OffsetResetScope,
  type OffsetResetSpec,
  type PartitionOffsetsInput,
  type TopicScope,
} from '../group/offset-reset-plan';
import { ErrorCode } from '../protocol/errors';
import type { Admin } from './admin';
import type { GroupDescription, TopicPartition } from './admin-groups';
import { KafkaProtocolError } from './client-errors';
import { describeGroupLag, type GroupLag, type LagOptions } from './consumer-group-lag';

export { summarizeGroup } from './consumer-group-lag';

/** Kafka's tool resets only groups in these states: no member can overwrite the new offsets. */
const RESETTABLE_STATES = new Set(['Empty', 'Dead']);

/** A reset refused because the group has members; says which state and which members. */
export class GroupNotInactiveError extends KafkaProtocolError {
  constructor(readonly group: GroupDescription) {
    super(ErrorCode.NON_EMPTY_GROUP, `${inactiveGroupMessage(group)}`, { groupId: group.groupId });
  }
}

function inactiveGroupMessage(g: GroupDescription): string {
  const members = g.members.map((m) => {
    const assigned = (m.assignedPartitions?.partitions ?? []).filter((t) => t.partitions.length > 0).map((t) => `${t.topic}:${[...t.partitions].sort((a, b) => a - b).join(',')}`);
    return `${m.memberId} (client ${m.clientId}, host ${m.clientHost}${assigned.length > 0 ? `, partitions ${assigned.join(' ')}` : ''})`;
  });
  const list = members.length === 0 ? 'no members' : `${members.length} member${members.length === 1 ? '' : 's'}: ${members.join('; ')}`;
  return `Assignments can only be reset if the group '${g.groupId}' is inactive, but the current state is ${g.state}; ${list}`;
}

export interface OffsetResetResult {
  groupId: string;
  /** The group's state when the reset was checked. */
  state: string;
  dryRun: boolean;
  rows: OffsetResetPlanRow[];
}

export interface ResetOffsetsOptions {
  /** Plan only, commit nothing. Default true, as Kafka's tool without --execute. */
  dryRun?: boolean;
  /**
   * Commit only if planning again gives exactly these rows (same partitions, current and target
   * offsets, clamping); otherwise throw PlanChangedError and write nothing.
   */
  expectRows?: readonly OffsetResetPlanRow[];
}

/** The plan made again differs from the one previewed: nothing was written. */
export class PlanChangedError extends Error {
  override readonly name = 'PlanChangedError';
  constructor(readonly differences: Array<{ previewed: OffsetResetPlanRow | null; now: OffsetResetPlanRow | null }>) {
    super(
      `the offsets changed since the preview, nothing was written: ${differences
        .slice(0, 5)
        .map((d) => {
          const r = (d.now ?? d.previewed)!;
          return `${r.topic}-${r.partition} ${d.previewed ? `${d.previewed.currentOffset ?? '-'}→${d.previewed.targetOffset}` : 'not previewed'} now ${d.now ? `${d.now.currentOffset ?? '-'}→${d.now.targetOffset}` : 'not planned'}`;
        })
        .join('; ')}${differences.length > 5 ? ` and ${differences.length - 5} more` : ''}; preview again`,
    );
  }
}

/** Rows that differ between a previewed plan and the same plan made now. */
export function planDifferences(previewed: readonly OffsetResetPlanRow[], now: readonly OffsetResetPlanRow[]): Array<{ previewed: OffsetResetPlanRow | null; now: OffsetResetPlanRow | null }> {
  const k = (r: OffsetResetPlanRow) => tpKey(r.topic, r.partition);
  const before = new Map(previewed.map((r) => [k(r), r]));
  const after = new Map(now.map((r) => [k(r), r]));
  const out: Array<{ previewed: OffsetResetPlanRow | null; now: OffsetResetPlanRow | null }> = [];
  for (const [key, p] of before) {
    const n = after.get(key);
    if (!n || n.currentOffset !== p.currentOffset || n.targetOffset !== p.targetOffset || n.clamped !== p.clamped) out.push({ previewed: p, now: n ?? null });
  }
  for (const [key, n] of after) if (!before.has(key)) out.push({ previewed: null, now: n });
  return out;
}

const tpKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;

export class ConsumerGroupAdmin {
  private readonly clock: Clock;

  constructor(
    readonly admin: Admin,
    options: { clock?: Clock } = {},
  ) {
    this.clock = options.clock ?? systemClock;
  }

  /** State, protocol, coordinator and members with their decoded assignments. */
  async describeGroup(groupId: string): Promise<GroupDescription> {
    const [g] = await this.admin.describeGroups([groupId]);
    return g!;
  }

  /** The group with a lag row per partition it is assigned or has committed. */
  describeGroupLag(groupId: string, options: LagOptions = {}): Promise<GroupLag> {
    return describeGroupLag(this.admin, groupId, { clock: this.clock, ...options });
  }

  /**
   * Plans a reset and, unless it is a dry run, commits it as an admin (generation -1, no member),
   * which the coordinator takes only while the group is Empty. Refused with GroupNotInactiveError,
   * dry run or not, when the group has members.
   */
  async resetOffsets(groupId: string, requested: OffsetResetSpec, scope: OffsetResetScope | null, options: ResetOffsetsOptions = {}): Promise<OffsetResetResult> {
    let spec = requested;
    if (spec.kind === 'from-group') spec = await this.copiedOffsets(spec.group, scope);
    validateResetSpec(spec);
    if (scope === null && spec.kind !== 'from-file') throw new OffsetResetError('one of the reset scopes should be defined: --all-topics, --topic');
    const group = await this.describeGroup(groupId);
    if (!RESETTABLE_STATES.has(group.state)) throw new GroupNotInactiveError(group);

    const committed = group.state === 'Dead' ? [] : await this.admin.offsetFetch(groupId);
    const committedByKey = new Map(committed.filter((c) => c.offset >= 0).map((c) => [tpKey(c.topic, c.partition), c.offset]));
    const partitions = await this.partitionsToReset(spec, scope, [...committedByKey.keys()]);
    const inputs = await this.partitionOffsets(spec, partitions, committedByKey);
    const rows = planOffsetReset(spec, inputs);

    const dryRun = options.dryRun ?? true;
    if (!dryRun && options.expectRows) {
      const differences = planDifferences(options.expectRows, rows);
      if (differences.length > 0) throw new PlanChangedError(differences);
    }
    if (!dryRun && rows.length > 0) {
      await this.admin.offsetCommit(groupId, rows.map((r) => ({ topic: r.topic, partition: r.partition, offset: r.targetOffset })));
    }
    return { groupId, state: group.state, dryRun, rows };
  }

  /**
   * Another group's committed offsets as a plan file (the wizard's "copy from group"): every
   * partition it has committed, narrowed to `scope` when the scope names topics.
   */
  private async copiedOffsets(sourceGroup: string, scope: OffsetResetScope | null): Promise<OffsetResetSpec> {
    const committed = (await this.admin.offsetFetch(sourceGroup)).filter((c) => c.offset >= 0);
    let keep: Set<string> | null = null;
    if (scope && !('allTopics' in scope)) keep = new Set((await this.expandTopics(scope.topics)).map((p) => tpKey(p.topic, p.partition)));
    const entries = committed.filter((c) => keep === null || keep.has(tpKey(c.topic, c.partition))).map((c) => ({ topic: c.topic, partition: c.partition, offset: c.offset }));
    if (entries.length === 0) throw new OffsetResetError(`group '${sourceGroup}' has no committed offsets for the partitions in scope`);
    return { kind: 'from-file', entries };
  }

  /** Kafka's scope rules: --all-topics is what the group has committed; a plan file names its own partitions. */
  private async partitionsToReset(spec: OffsetResetSpec, scope: OffsetResetScope | null, committedKeys: string[]): Promise<TopicPartition[]> {
    let chosen: TopicPartition[];
    if (spec.kind === 'from-file') {
      chosen = spec.entries.map((e) => ({ topic: e.topic, partition: e.partition }));
      // A scope given with a plan file narrows it (Kafka's tool would ignore the scope).
      if (scope && !('allTopics' in scope)) {
        const keep = await this.expandTopics(scope.topics);
        const keys = new Set(keep.map((p) => tpKey(p.topic, p.partition)));
        chosen = chosen.filter((p) => keys.has(tpKey(p.topic, p.partition)));
      }
    } else if (scope && 'allTopics' in scope) {
      chosen = committedKeys.map((k) => {
        const [topic, partition] = k.split('\u0000');
        return { topic: topic!, partition: Number(partition) };
      });
    } else {
      chosen = await this.expandTopics(scope!.topics);
    }
    await this.checkPartitionsExist(chosen);
    return chosen;
  }

  /** `--topic T` means every partition of T; `--topic T:0,2` just those. */
  private async expandTopics(topics: readonly TopicScope[]): Promise<TopicPartition[]> {
    const out = new Map<string, TopicPartition>();
    const whole = [...new Set(topics.filter((t) => t.partitions === null).map((t) => t.topic))];
    const described = whole.length > 0 ? await this.admin.describeTopics(whole) : [];
    for (const t of described) for (const p of t.partitions) out.set(tpKey(t.name, p.partition), { topic: t.name, partition: p.partition });
    for (const t of topics) for (const partition of t.partitions ?? []) out.set(tpKey(t.topic, partition), { topic: t.topic, partition });
    return [...out.values()];
  }

  private async checkPartitionsExist(partitions: readonly TopicPartition[]): Promise<void> {
    const topics = [...new Set(partitions.map((p) => p.topic))];
    if (topics.length === 0) return;
    const meta = await this.admin.client.refreshMetadata(topics);
    const missing = partitions.filter((p) => !meta.topics.get(p.topic)?.partitions.some((x) => x.partition === p.partition));
    if (missing.length > 0) {
      throw new KafkaProtocolError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `the partitions ${missing.map((p) => `${p.topic}-${p.partition}`).join(', ')} do not exist`);
    }
    const leaderless = partitions.filter((p) => (meta.topics.get(p.topic)?.partitions.find((x) => x.partition === p.partition)?.leaderId ?? -1) < 0);
    if (leaderless.length > 0) {
      throw new KafkaProtocolError(ErrorCode.LEADER_NOT_AVAILABLE, `the partitions ${leaderless.map((p) => `${p.topic}-${p.partition}`).join(', ')} have no leader`);
    }
  }

  private async partitionOffsets(spec: OffsetResetSpec, partitions: readonly TopicPartition[], committed: Map<string, number>): Promise<PartitionOffsetsInput[]> {
    if (partitions.length === 0) return [];
    const timestamp = resetTimestamp(spec, this.clock.now());
    const queries = partitions.flatMap((p) => [
      { topic: p.topic, partition: p.partition, spec: 'earliest' as const },
      { topic: p.topic, partition: p.partition, spec: 'latest' as const },
      ...(timestamp !== null ? [{ topic: p.topic, partition: p.partition, spec: { timestamp: Math.max(0, timestamp) } }] : []),
    ]);
    const listed = await this.admin.listOffsets(queries);
    const per = timestamp !== null ? 3 : 2;
    return partitions.map((p, i) => ({
      topic: p.topic,
      partition: p.partition,
      committedOffset: committed.get(tpKey(p.topic, p.partition)) ?? null,
      logStartOffset: listed[i * per]!.offset,
      logEndOffset: listed[i * per + 1]!.offset,
      ...(timestamp !== null ? { offsetForTimestamp: listed[i * per + 2]!.offset } : {}),
    }));
  }

  /** DeleteGroups: refused with NON_EMPTY_GROUP while the group has members. */
  async deleteGroup(groupId: string): Promise<void> {
    await this.admin.deleteGroups([groupId]);
  }

  /**
   * OffsetDelete for the group's offsets of whole topics or some partitions; refused with
   * GROUP_SUBSCRIBED_TO_TOPIC while members consume them. Returns the partitions it deleted.
   */
  async deleteOffsets(groupId: string, topics: readonly TopicScope[]): Promise<TopicPartition[]> {
    const partitions = (await this.expandTopics(topics)).sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
    if (partitions.length > 0) await this.admin.offsetDelete(groupId, partitions);
    return partitions;
  }
}
