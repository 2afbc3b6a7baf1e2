import { describe, expect, it } from 'vitest';
import type { ConsumerGroupStatus, WorkloadMemberState, WorkloadMemberView } from '../../../shared/workload-types';
import { assignmentGrid, movedPartitions, spreadNow } from './assignment-grid';

function member(index: number, state: WorkloadMemberState, partitions: number[]): WorkloadMemberView {
  return {
    index,
    memberId: `m-${index}`,
    state,
    generation: 1,
    assignment: partitions.map((partition) => ({ partition, position: 0, highWatermark: 0, lag: 0, committed: -1 })),
    ratePerSec: 0,
    processed: 0,
    lag: 0,
    detail: null,
  };
}

function group(members: WorkloadMemberView[], partitions = 4): ConsumerGroupStatus {
  return { groupId: 'g', generation: 1, members, partitions, rebalances: [], counts: { processed: 0, distinct: 0, duplicates: 0, skipped: 0, failuresInjected: 0, commitsRefused: 0 }, totalLag: 0 };
}

describe('the partitions × members grid', () => {
  it('4 partitions over 6 members: one owner per partition, two idle members', () => {
    const g = assignmentGrid(group([member(0, 'active', [0]), member(1, 'active', [1]), member(2, 'active', [2]), member(3, 'active', [3]), member(4, 'active', []), member(5, 'active', [])]));
    expect(g.rows.map((r) => r.owners)).toEqual([[0], [1], [2], [3]]);
    expect(g.idle).toEqual([4, 5]);
    expect(g.unowned).toEqual([]);
    expect(g.shared).toEqual([]);
    expect(spreadNow(g)).toEqual([1, 1, 1, 1, 0, 0]);
  });

  it('leaves out members that left, keeps a crashed one until the group rebalances past its generation', () => {
    const g = assignmentGrid(group([member(0, 'active', [0, 1]), member(1, 'crashed', [2, 3]), member(2, 'left', [])]));
    expect(g.members.map((m) => m.index)).toEqual([0, 1]);
    expect(g.idle).toEqual([]);
    expect(spreadNow(g)).toEqual([2]);
    const after = assignmentGrid({ ...group([{ ...member(0, 'active', [0, 1, 2, 3]), generation: 2 }, member(1, 'crashed', [])]), generation: 2 });
    expect(after.members.map((m) => m.index)).toEqual([0]);
  });

  it('flags partitions nobody owns and partitions two members claim; a joining member is not idle', () => {
    const g = assignmentGrid(group([member(0, 'active', [0, 1]), member(1, 'active', [1]), member(2, 'joining', [])]));
    expect(g.unowned).toEqual([2, 3]);
    expect(g.shared).toEqual([1]);
    expect(g.idle).toEqual([]);
  });

  it('names the partitions that moved between two rebalances', () => {
    const before = [{ member: 0, partitions: [0, 1] }, { member: 1, partitions: [2, 3] }];
    const after = [{ member: 0, partitions: [0, 1, 2, 3] }];
    expect(movedPartitions(before, after)).toEqual([
      { partition: 2, from: 1, to: 0 },
      { partition: 3, from: 1, to: 0 },
    ]);
  });
});

describe('the rebalance timeline', () => {
  it('merges the entries of one generation and names the moves only between complete assignments', async () => {
    const { rebalanceEntries } = await import('./rebalance-history');
    const entries = rebalanceEntries(
      [
        { at: 10, generation: 1, reason: '6 members started', assignment: [{ member: 2, partitions: [2] }, { member: 4, partitions: [] }] },
        { at: 11, generation: 1, reason: 'the group rebalanced', assignment: [{ member: 0, partitions: [0] }, { member: 1, partitions: [1] }, { member: 3, partitions: [3] }] },
        { at: 30, generation: 2, reason: 'member 0 crashed', assignment: [{ member: 1, partitions: [0] }, { member: 2, partitions: [1] }, { member: 3, partitions: [2] }, { member: 4, partitions: [3] }] },
        { at: 40, generation: 3, reason: 'a member joined', assignment: [{ member: 1, partitions: [0, 1] }] },
      ],
      4,
    );
    expect(entries.map((e) => [e.generation, e.at, e.reasons.length])).toEqual([
      [1, 10, 2],
      [2, 30, 1],
      [3, 40, 1],
    ]);
    expect(entries[0]!.assignment.map((a) => a.member)).toEqual([0, 1, 2, 3, 4]);
    expect(entries[0]!.moved).toBeNull();
    expect(entries[1]!.moved).toEqual([
      { partition: 0, from: 0, to: 1 },
      { partition: 1, from: 1, to: 2 },
      { partition: 2, from: 2, to: 3 },
      { partition: 3, from: 3, to: 4 },
    ]);
    expect(entries[2]!.moved).toBeNull();
  });
});
