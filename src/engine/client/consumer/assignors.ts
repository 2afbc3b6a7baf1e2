/** A member as the group leader's assignor sees it. */
export interface AssignorMember {
  memberId: string;
  groupInstanceId: string | null;
  topics: readonly string[];
}

export interface AssignedPartition {
  topic: string;
  partition: number;
}

/** Eager assignors of the classic protocol, named as clients register them in JoinGroup. */
export interface PartitionAssignor {
  readonly name: string;
  /** `partitionsPerTopic`: partition count of every topic some member subscribes to. */
  assign(partitionsPerTopic: ReadonlyMap<string, number>, members: readonly AssignorMember[]): Map<string, AssignedPartition[]>;
}

/**
 * The Java client's member order (AbstractPartitionAssignor.MemberInfo.compareTo): static members by
 * group.instance.id first, then dynamic ones by member id.
 */
export function compareMembers(a: AssignorMember, b: AssignorMember): number {
  if (a.groupInstanceId !== null && b.groupInstanceId !== null) return cmp(a.groupInstanceId, b.groupInstanceId);
  if (a.groupInstanceId !== null) return -1;
  if (b.groupInstanceId !== null) return 1;
  return cmp(a.memberId, b.memberId);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function emptyAssignment(members: readonly AssignorMember[]): Map<string, AssignedPartition[]> {
  return new Map(members.map((m) => [m.memberId, []]));
}

/**
 * RangeAssignor: per topic, its partitions in order are cut into contiguous ranges over the
 * members subscribed to it, in member order; the first (partitions % members) members get one more.
 */
export const rangeAssignor: PartitionAssignor = {
  name: 'range',
  assign(partitionsPerTopic, members) {
    const out = emptyAssignment(members);
    for (const topic of [...partitionsPerTopic.keys()].sort(cmp)) {
      const count = partitionsPerTopic.get(topic)!;
      const subscribed = members.filter((m) => m.topics.includes(topic)).sort(compareMembers);
      if (subscribed.length === 0) continue;
      const per = Math.floor(count / subscribed.length);
      const extra = count % subscribed.length;
      subscribed.forEach((m, i) => {
        const start = per * i + Math.min(i, extra);
        const length = per + (i < extra ? 1 : 0);
        for (let p = start; p < start + length; p++) out.get(m.memberId)!.push({ topic, partition: p });
      });
    }
    return out;
  },
};

/**
 * RoundRobinAssignor: every partition of every subscribed topic, sorted by topic then partition,
 * dealt in turn to the members in member order, skipping members not subscribed to its topic.
 */
export const roundRobinAssignor: PartitionAssignor = {
  name: 'roundrobin',
  assign(partitionsPerTopic, members) {
    const out = emptyAssignment(members);
    const ordered = [...members].sort(compareMembers);
    if (ordered.length === 0) return out;
    const topics = [...new Set(members.flatMap((m) => m.topics))].filter((t) => partitionsPerTopic.has(t)).sort(cmp);
    let next = 0;
    for (const topic of topics) {
      for (let partition = 0; partition < partitionsPerTopic.get(topic)!; partition++) {
        // Some member is subscribed to every listed topic, so this ends within one turn.
        while (!ordered[next % ordered.length]!.topics.includes(topic)) next++;
        out.get(ordered[next % ordered.length]!.memberId)!.push({ topic, partition });
        next++;
      }
    }
    return out;
  },
};

export const ASSIGNORS: Readonly<Record<'range' | 'roundrobin', PartitionAssignor>> = { range: rangeAssignor, roundrobin: roundRobinAssignor };
export type AssignorName = keyof typeof ASSIGNORS;
