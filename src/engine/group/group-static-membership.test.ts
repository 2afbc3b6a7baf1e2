import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../protocol/errors';
import {
  GROUP,
  RDKAFKA,
  assignment,
  ctxFor,
  flush,
  heartbeatRequest,
  joinRequest,
  makeCoordinator,
  syncRequest,
  track,
} from './test-support/group-test-kit';

type Kit = ReturnType<typeof makeCoordinator>;

/** Two static members (instance ids i-1, i-2) Stable in generation 1. */
async function stableStaticGroup(kit: Kit) {
  // Static members skip KIP-394: their first JoinGroup already makes them members.
  const j1 = track(kit.coordinator.joinGroup(joinRequest({ groupInstanceId: 'i-1' }), ctxFor(RDKAFKA.join, 'c1')));
  const j2 = track(kit.coordinator.joinGroup(joinRequest({ groupInstanceId: 'i-2' }), ctxFor(RDKAFKA.join, 'c2')));
  kit.scheduler.advance(0);
  const [r1, r2] = await Promise.all([j1.promise, j2.promise]);
  expect(r1.memberId.startsWith('i-1-')).toBe(true);
  expect(r2.memberId.startsWith('i-2-')).toBe(true);
  const a1 = assignment('orders', [0]);
  const a2 = assignment('orders', [1]);
  const s2 = track(kit.coordinator.syncGroup(syncRequest(r2.memberId, 1, [], 'i-2')));
  await kit.coordinator.syncGroup(
    syncRequest(r1.memberId, 1, [
      { memberId: r1.memberId, assignment: a1 },
      { memberId: r2.memberId, assignment: a2 },
    ], 'i-1'),
  );
  expect((await s2.promise).assignment).toEqual(a2);
  return { m1: r1.memberId, m2: r2.memberId, a1, a2 };
}

describe('static membership (group.instance.id)', () => {
  it('a restarted static member with unchanged metadata keeps its assignment without a rebalance', async () => {
    const kit = makeCoordinator();
    const g = await stableStaticGroup(kit);
    const recordsBefore = kit.persistence.records.length;

    const rejoin = await kit.coordinator.joinGroup(joinRequest({ groupInstanceId: 'i-2' }), ctxFor(RDKAFKA.join, 'c2'));
    expect(rejoin.errorCode).toBe(0);
    expect(rejoin.memberId).not.toBe(g.m2);
    expect(rejoin).toMatchObject({ generationId: 1, leader: g.m1, members: [] });
    expect(kit.coordinator.group(GROUP)).toMatchObject({ state: 'Stable', generationId: 1 });
    expect(kit.persistence.records.length).toBe(recordsBefore + 1); // the new member id is stored

    const sync = await kit.coordinator.syncGroup(syncRequest(rejoin.memberId, 1, [], 'i-2'));
    expect(sync).toMatchObject({ errorCode: 0 });
    expect(sync.assignment).toEqual(g.a2);
    expect((await kit.coordinator.heartbeat(heartbeatRequest(rejoin.memberId, 1, 'i-2'))).errorCode).toBe(0);
  });

  it('the same instance id joining again fences the old member id', async () => {
    const kit = makeCoordinator();
    const g = await stableStaticGroup(kit);
    // The old i-2 is mid-rebalance with a parked JoinGroup when its replacement arrives.
    const leaderRejoin = track(kit.coordinator.joinGroup(joinRequest({ memberId: g.m1, groupInstanceId: 'i-1' }), ctxFor(RDKAFKA.join)));
    const oldJoin = track(kit.coordinator.joinGroup(joinRequest({ memberId: g.m2, groupInstanceId: 'i-2' }), ctxFor(RDKAFKA.join)));
    await flush();
    expect(oldJoin.settled).toBe(true); // everyone rejoined: generation 2
    expect(oldJoin.value).toMatchObject({ errorCode: 0, generationId: 2 });
    expect(leaderRejoin.value).toMatchObject({ errorCode: 0, generationId: 2 });

    const oldSync = track(kit.coordinator.syncGroup(syncRequest(g.m2, 2, [], 'i-2')));
    const replacement = track(kit.coordinator.joinGroup(joinRequest({ groupInstanceId: 'i-2' }), ctxFor(RDKAFKA.join, 'c2-new')));
    await flush();
    expect(oldSync.value?.errorCode).toBe(ErrorCode.FENCED_INSTANCE_ID);
    // In CompletingRebalance the leader may be assigning for the old id: a new rebalance follows.
    expect(kit.coordinator.group(GROUP)!.state).toBe('PreparingRebalance');

    const newId = kit.coordinator.group(GROUP)!.members.find((m) => m.groupInstanceId === 'i-2')!.memberId;
    expect(newId).not.toBe(g.m2);
    expect((await kit.coordinator.heartbeat(heartbeatRequest(g.m2, 2, 'i-2'))).errorCode).toBe(ErrorCode.FENCED_INSTANCE_ID);
    expect((await kit.coordinator.syncGroup(syncRequest(g.m2, 2, [], 'i-2'))).errorCode).toBe(ErrorCode.FENCED_INSTANCE_ID);
    const fencedJoin = await kit.coordinator.joinGroup(joinRequest({ memberId: g.m2, groupInstanceId: 'i-2' }), ctxFor(RDKAFKA.join));
    expect(fencedJoin.errorCode).toBe(ErrorCode.FENCED_INSTANCE_ID);

    await kit.coordinator.joinGroup(joinRequest({ memberId: g.m1, groupInstanceId: 'i-1' }), ctxFor(RDKAFKA.join));
    const r = await replacement.promise;
    expect(r).toMatchObject({ errorCode: 0, generationId: 3, memberId: newId });
  });

  it('a parked request of the replaced member is answered FENCED_INSTANCE_ID', async () => {
    const kit = makeCoordinator();
    const g = await stableStaticGroup(kit);
    const leaderRejoin = track(kit.coordinator.joinGroup(joinRequest({ memberId: g.m1, groupInstanceId: 'i-1' }), ctxFor(RDKAFKA.join)));
    await flush();
    expect(leaderRejoin.settled).toBe(false); // waits for i-2
    const oldJoin = track(kit.coordinator.joinGroup(joinRequest({ memberId: g.m2, groupInstanceId: 'i-2', topics: ['x'] }), ctxFor(RDKAFKA.join)));
    await flush();
    expect(oldJoin.value?.errorCode).toBe(0);
    // Now i-2 restarts while its old id waits in SyncGroup.
    const oldSync = track(kit.coordinator.syncGroup(syncRequest(g.m2, 2, [], 'i-2')));
    await flush();
    expect(oldSync.settled).toBe(false);
    track(kit.coordinator.joinGroup(joinRequest({ groupInstanceId: 'i-2' }), ctxFor(RDKAFKA.join)));
    await flush();
    expect(oldSync.value?.errorCode).toBe(ErrorCode.FENCED_INSTANCE_ID);
  });

  it('LeaveGroup v3 removes a static member by instance id alone', async () => {
    const kit = makeCoordinator();
    await stableStaticGroup(kit);
    const r = await kit.coordinator.leaveGroup(
      { groupId: GROUP, memberId: '', members: [{ memberId: '', groupInstanceId: 'i-2', reason: 'admin' }, { memberId: '', groupInstanceId: 'i-9', reason: null }] },
      ctxFor(4),
    );
    expect(r.members!.map((m) => m.errorCode)).toEqual([0, ErrorCode.UNKNOWN_MEMBER_ID]);
    expect(kit.coordinator.group(GROUP)!.state).toBe('PreparingRebalance');
    expect(kit.coordinator.group(GROUP)!.members.map((m) => m.groupInstanceId)).toEqual(['i-1']);
  });
});
