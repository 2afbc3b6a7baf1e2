// The partitions × members grid of a consumer-group workload, as data: which member owns each
// partition, which members are idle (in the group, holding nothing: the seed's 4 / 6 drawing),
// partitions nobody owns (mid-rebalance) and partitions two members claim (which a group must
// never show once stable).
import type { ConsumerGroupStatus, WorkloadMemberState } from '../../../shared/workload-types';

export interface GridMember {
  index: number;
  state: WorkloadMemberState;
  partitions: number[];
  /** Active in the group and holding no partition. */
  idle: boolean;
}

export interface GridRow {
  partition: number;
  /** Member indexes holding it; one once the group is stable. */
  owners: number[];
}

export interface AssignmentGrid {
  members: GridMember[];
  rows: GridRow[];
  idle: number[];
  unowned: number[];
  shared: number[];
}

/**
 * Members that left are not columns: they hold nothing and the members table lists them. A crashed
 * member stays a column until the group rebalances past its generation (the coordinator keeps it
 * until its session times out), then it goes too.
 */
export function assignmentGrid(group: ConsumerGroupStatus): AssignmentGrid {
  const members: GridMember[] = group.members
    .filter((m) => m.state !== 'left' && !(m.state === 'crashed' && m.generation < group.generation))
    .map((m) => {
      const partitions = [...new Set(m.assignment.map((a) => a.partition))].sort((a, b) => a - b);
      return { index: m.index, state: m.state, partitions, idle: m.state === 'active' && partitions.length === 0 };
    })
    .sort((a, b) => a.index - b.index);
  const count = Math.max(group.partitions, ...members.flatMap((m) => m.partitions.map((p) => p + 1)), 0);
  const rows: GridRow[] = Array.from({ length: count }, (_, partition) => ({
    partition,
    owners: members.filter((m) => m.partitions.includes(partition)).map((m) => m.index),
  }));
  return {
    members,
    rows,
    idle: members.filter((m) => m.idle).map((m) => m.index),
    unowned: rows.filter((r) => r.owners.length === 0).map((r) => r.partition),
    shared: rows.filter((r) => r.owners.length > 1).map((r) => r.partition),
  };
}

/** Partitions per member, sorted descending, over the members in the group now (active or joining): the template's prediction compares to this. */
export function spreadNow(grid: AssignmentGrid): number[] {
  return grid.members
    .filter((m) => m.state === 'active' || m.state === 'joining')
    .map((m) => m.partitions.length)
    .sort((a, b) => b - a);
}

/** Partitions that changed owner between two assignments (member index → partitions). */
export function movedPartitions(before: ReadonlyArray<{ member: number; partitions: number[] }>, after: ReadonlyArray<{ member: number; partitions: number[] }>): Array<{ partition: number; from: number | null; to: number | null }> {
  const ownerOf = (a: ReadonlyArray<{ member: number; partitions: number[] }>): Map<number, number> => {
    const m = new Map<number, number>();
    for (const e of a) for (const p of e.partitions) m.set(p, e.member);
    return m;
  };
  const b = ownerOf(before);
  const a = ownerOf(after);
  const all = [...new Set([...b.keys(), ...a.keys()])].sort((x, y) => x - y);
  return all.filter((p) => b.get(p) !== a.get(p)).map((p) => ({ partition: p, from: b.get(p) ?? null, to: a.get(p) ?? null }));
}
