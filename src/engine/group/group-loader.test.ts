import { describe, expect, it } from 'vitest';
import type { OffsetCommitRequest } from '../protocol/apis/08-offset-commit';
import { ErrorCode } from '../protocol/errors';
import type { GroupCoordinator } from './group-coordinator';
import { encodeOffsetCommitKey } from './group-records-codec';
import { GROUP, RDKAFKA, assignment, ctxFor, heartbeatRequest, joinRequest, makeCoordinator, syncRequest, track } from './test-support/group-test-kit';

function commit(groupId: string, topic: string, partition: number, offset: bigint, generation = -1, memberId = ''): OffsetCommitRequest {
  return {
    groupId,
    generationIdOrMemberEpoch: generation,
    memberId,
    groupInstanceId: null,
    retentionTimeMs: -1n,
    topics: [{ name: topic, partitions: [{ partitionIndex: partition, committedOffset: offset, committedLeaderEpoch: 2, commitTimestamp: -1n, committedMetadata: `at ${offset}` }] }],
  };
}

/** What a client can observe of a coordinator's groups and offsets. */
async function observe(c: GroupCoordinator, groups: string[]) {
  const described = await c.describeGroups({ groups, includeAuthorizedOperations: false });
  const listed = await c.listGroups({ statesFilter: [], typesFilter: [] });
  const offsets = await Promise.all(groups.map((g) => c.offsetFetch({ groupId: g, topics: null, groups: [], requireStable: false }, ctxFor(7))));
  return {
    described: described.groups,
    listed: listed.groups.sort((a, b) => a.groupId.localeCompare(b.groupId)),
    offsets: offsets.map((o) => o.topics),
    snapshots: groups.map((g) => c.group(g)),
  };
}

describe('loading a coordinator from its records', () => {
  it('replaying the stored records rebuilds the same groups and offsets', async () => {
    const kit = makeCoordinator();
    const { coordinator: c1 } = kit;
    // A Stable consumer group of two.
    const ids = [];
    for (const client of ['a', 'b']) ids.push((await c1.joinGroup(joinRequest(), ctxFor(RDKAFKA.join, client))).memberId);
    const joins = ids.map((id) => track(c1.joinGroup(joinRequest({ memberId: id }), ctxFor(RDKAFKA.join))));
    kit.scheduler.advance(0);
    const [ja] = await Promise.all(joins.map((j) => j.promise));
    const leader = ja.memberId;
    const assignments = ids.map((id, i) => ({ memberId: id, assignment: assignment('orders', [i]) }));
    const followerSync = c1.syncGroup(syncRequest(ids.find((id) => id !== leader)!, 1));
    await c1.syncGroup(syncRequest(leader, 1, assignments));
    await followerSync;
    // Offsets: overwritten, deleted, of a simple group, of a deleted group.
    await c1.offsetCommit(commit(GROUP, 'orders', 0, 10n, 1, ids[0]), ctxFor(7));
    await c1.offsetCommit(commit(GROUP, 'orders', 0, 25n, 1, ids[0]), ctxFor(7));
    await c1.offsetCommit(commit(GROUP, 'orders', 1, 3n, 1, ids[1]), ctxFor(7));
    await c1.offsetCommit(commit(GROUP, 'legacy', 0, 1n, 1, ids[1]), ctxFor(7));
    await c1.offsetDelete({ groupId: GROUP, topics: [{ name: 'legacy', partitions: [{ partitionIndex: 0 }] }] });
    await c1.offsetCommit(commit('tool', 'orders', 2, 99n), ctxFor(5));
    await c1.offsetCommit(commit('gone', 'orders', 0, 5n), ctxFor(5));
    expect((await c1.deleteGroups({ groupsNames: ['gone'] })).results[0].errorCode).toBe(0);

    const before = await observe(c1, [GROUP, 'tool', 'gone']);
    const kit2 = makeCoordinator();
    const summary = kit2.coordinator.loadFrom(kit.persistence.records);
    expect(summary.skipped).toBe(0);
    const after = await observe(kit2.coordinator, [GROUP, 'tool', 'gone']);
    expect(after).toEqual(before);
    expect(after.snapshots[0]).toMatchObject({ state: 'Stable', generationId: 1, leaderId: leader });
    expect(after.offsets[0]!.map((t) => [t.name, t.partitions!.map((p) => p.committedOffset)])).toEqual([['orders', [25n, 3n]]]);
    expect(after.described[2].groupState).toBe('Dead');

    // The loaded group serves its members: SyncGroup in Stable returns the stored assignment.
    const sync = await kit2.coordinator.syncGroup(syncRequest(ids[1], 1));
    expect(sync.assignment).toEqual(assignments[1].assignment);
    // Sessions restart at load: a member that stays silent is expired and the group rebalances.
    for (let t = 0; t < 12_000; t += 3_000) {
      kit2.scheduler.advance(3_000);
      await kit2.coordinator.heartbeat(heartbeatRequest(ids[0], 1));
    }
    expect(kit2.coordinator.group(GROUP)!.state).toBe('PreparingRebalance');
    expect(kit2.coordinator.group(GROUP)!.members.map((m) => m.memberId)).toEqual([ids[0]]);
  });

  it('skips records it cannot replay and records of other coordinators', () => {
    const kit = makeCoordinator();
    const summary = kit.coordinator.loadFrom([
      { key: Buffer.from('0003000167', 'hex'), value: Buffer.from('00', 'hex') }, // KIP-848 record
      { key: encodeOffsetCommitKey('g', 't', 0), value: Buffer.from('0003', 'hex') }, // truncated value
      { key: null, value: null },
    ]);
    expect(summary).toEqual({ offsetRecords: 1, groupRecords: 0, skipped: 3 });
    expect(kit.coordinator.groupIds()).toEqual([]);
    expect(kit.logger.lines.filter((l) => l.startsWith('WARN'))).toHaveLength(2);
  });

  it('an offset tombstone removes the offset and the simple group keeps existing until expiry', async () => {
    const kit = makeCoordinator();
    await kit.coordinator.offsetCommit(commit('s', 't', 0, 1n), ctxFor(7));
    await kit.coordinator.offsetDelete({ groupId: 's', topics: [{ name: 't', partitions: [{ partitionIndex: 0 }] }] });
    const kit2 = makeCoordinator();
    kit2.coordinator.loadFrom(kit.persistence.records);
    expect(kit2.coordinator.committedOffset('s', 't', 0)).toBeUndefined();
    expect(kit2.coordinator.group('s')).toMatchObject({ state: 'Empty' });
    expect((await kit2.coordinator.heartbeat({ ...heartbeatRequest('m', 0), groupId: 's' })).errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });
});
