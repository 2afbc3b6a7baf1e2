import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../protocol/errors';
import { decodeGroupMetadataValue, decodeGroupRecordKey } from './group-records-codec';
import {
  GROUP,
  RDKAFKA,
  assignment,
  ctxFor,
  flush,
  heartbeatRequest,
  joinRequest,
  makeCoordinator,
  subscription,
  syncRequest,
  track,
} from './test-support/group-test-kit';

type Kit = ReturnType<typeof makeCoordinator>;

/** KIP-394: the first JoinGroup only fetches a member id. */
async function memberIdFor(kit: Kit, clientId: string): Promise<string> {
  const r = await kit.coordinator.joinGroup(joinRequest(), ctxFor(RDKAFKA.join, clientId));
  expect(r.errorCode).toBe(ErrorCode.MEMBER_ID_REQUIRED);
  expect(r.memberId.startsWith(`${clientId}-`)).toBe(true);
  return r.memberId;
}

/** Three members joined, synced and Stable in generation 1; A is the leader. */
async function stableGroupOfThree(kit: Kit) {
  const [a, b, c] = [await memberIdFor(kit, 'a'), await memberIdFor(kit, 'b'), await memberIdFor(kit, 'c')];
  const joins = [a, b, c].map((id, i) => track(kit.coordinator.joinGroup(joinRequest({ memberId: id }), ctxFor(RDKAFKA.join, 'abc'[i]))));
  await flush();
  expect(joins.every((j) => !j.settled)).toBe(true);
  kit.scheduler.advance(0); // the initial rebalance delay (0 here) ends
  const [ja, jb, jc] = await Promise.all(joins.map((j) => j.promise));
  const assignments = [
    { memberId: a, assignment: assignment('orders', [0]) },
    { memberId: b, assignment: assignment('orders', [1]) },
    { memberId: c, assignment: assignment('orders', [2]) },
  ];
  const followers = [track(kit.coordinator.syncGroup(syncRequest(b, 1))), track(kit.coordinator.syncGroup(syncRequest(c, 1)))];
  await flush();
  expect(followers.every((f) => !f.settled)).toBe(true);
  const sa = await kit.coordinator.syncGroup(syncRequest(a, 1, assignments));
  const [sb, sc] = await Promise.all(followers.map((f) => f.promise));
  return { a, b, c, ja, jb, jc, sa, sb, sc, assignments };
}

describe('classic group rebalance', () => {
  it('joins three members (KIP-394 first), elects a leader that gets all metadata and distributes its assignment', async () => {
    const kit = makeCoordinator();
    const g = await stableGroupOfThree(kit);
    expect(g.ja).toMatchObject({ errorCode: 0, generationId: 1, leader: g.a, memberId: g.a, protocolName: 'range', protocolType: 'consumer' });
    expect(g.ja.members.map((m) => m.memberId).sort()).toEqual([g.a, g.b, g.c].sort());
    expect(g.ja.members[0].metadata).toEqual(subscription(['orders']));
    for (const j of [g.jb, g.jc]) expect(j).toMatchObject({ errorCode: 0, generationId: 1, leader: g.a, members: [] });
    expect([g.sa, g.sb, g.sc].map((s) => s.errorCode)).toEqual([0, 0, 0]);
    expect(g.sa.assignment).toEqual(g.assignments[0].assignment);
    expect(g.sb.assignment).toEqual(g.assignments[1].assignment);
    expect(g.sc.assignment).toEqual(g.assignments[2].assignment);
    expect(kit.coordinator.group(GROUP)).toMatchObject({ state: 'Stable', generationId: 1, leaderId: g.a });

    // The stored generation: a GroupMetadata record with the three members and their assignments.
    const last = kit.persistence.records.at(-1)!;
    expect(decodeGroupRecordKey(last.key)).toEqual({ kind: 'groupMetadata', group: GROUP });
    const value = decodeGroupMetadataValue(last.value!);
    expect(value).toMatchObject({ version: 3, generation: 1, protocol: 'range', leader: g.a, protocolType: 'consumer' });
    expect(value.members.find((m) => m.memberId === g.c)!.assignment).toEqual(g.assignments[2].assignment);
  });

  it('keeps members alive on heartbeats; a silent member times out and the others rejoin in a new generation', async () => {
    const kit = makeCoordinator();
    const g = await stableGroupOfThree(kit);
    for (let i = 0; i < 5; i++) {
      kit.scheduler.advance(3_000);
      for (const id of [g.a, g.b, g.c]) expect((await kit.coordinator.heartbeat(heartbeatRequest(id, 1))).errorCode).toBe(0);
    }
    expect(kit.coordinator.group(GROUP)!.members).toHaveLength(3);

    // C stops heartbeating; its 10 s session runs out.
    for (let i = 0; i < 4; i++) {
      kit.scheduler.advance(3_000);
      if (kit.coordinator.group(GROUP)!.state !== 'Stable') break;
      for (const id of [g.a, g.b]) expect((await kit.coordinator.heartbeat(heartbeatRequest(id, 1))).errorCode).toBe(0);
    }
    expect(kit.coordinator.group(GROUP)).toMatchObject({ state: 'PreparingRebalance' });
    expect(kit.coordinator.group(GROUP)!.members.map((m) => m.memberId)).not.toContain(g.c);
    expect((await kit.coordinator.heartbeat(heartbeatRequest(g.a, 1))).errorCode).toBe(ErrorCode.REBALANCE_IN_PROGRESS);

    const ja = track(kit.coordinator.joinGroup(joinRequest({ memberId: g.a }), ctxFor(RDKAFKA.join)));
    await flush();
    expect(ja.settled).toBe(false);
    const jb = await kit.coordinator.joinGroup(joinRequest({ memberId: g.b }), ctxFor(RDKAFKA.join));
    expect(jb).toMatchObject({ errorCode: 0, generationId: 2, leader: g.a });
    expect((await ja.promise).members.map((m) => m.memberId).sort()).toEqual([g.a, g.b].sort());

    expect((await kit.coordinator.heartbeat(heartbeatRequest(g.a, 1))).errorCode).toBe(ErrorCode.ILLEGAL_GENERATION);
    expect((await kit.coordinator.heartbeat(heartbeatRequest(g.c, 2))).errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect((await kit.coordinator.heartbeat(heartbeatRequest(g.a, 2))).errorCode).toBe(0); // CompletingRebalance answers normally
    expect((await kit.coordinator.heartbeat({ ...heartbeatRequest(g.a, 2), groupId: 'no-such-group' })).errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('removes a member that does not rejoin within the rebalance timeout', async () => {
    const kit = makeCoordinator();
    const g = await stableGroupOfThree(kit);
    // The leader rejoining forces a rebalance; B and C keep heartbeating but only B rejoins.
    const ja = track(kit.coordinator.joinGroup(joinRequest({ memberId: g.a }), ctxFor(RDKAFKA.join)));
    const jb = track(kit.coordinator.joinGroup(joinRequest({ memberId: g.b }), ctxFor(RDKAFKA.join)));
    for (let t = 0; t < 27_000; t += 3_000) {
      kit.scheduler.advance(3_000);
      expect((await kit.coordinator.heartbeat(heartbeatRequest(g.c, 1))).errorCode).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    }
    expect(ja.settled || jb.settled).toBe(false);
    kit.scheduler.advance(3_000); // 30 s rebalance timeout
    await flush();
    expect((await ja.promise)).toMatchObject({ errorCode: 0, generationId: 2 });
    expect((await ja.promise).members.map((m) => m.memberId).sort()).toEqual([g.a, g.b].sort());
    expect((await kit.coordinator.heartbeat(heartbeatRequest(g.c, 2))).errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('batched LeaveGroup (v3) answers per member and triggers a rebalance', async () => {
    const kit = makeCoordinator();
    const g = await stableGroupOfThree(kit);
    const r = await kit.coordinator.leaveGroup(
      {
        groupId: GROUP,
        memberId: '',
        members: [
          { memberId: g.b, groupInstanceId: null, reason: 'shutdown' },
          { memberId: g.c, groupInstanceId: null, reason: null },
          { memberId: 'ghost', groupInstanceId: null, reason: null },
        ],
      },
      ctxFor(3, 'kafkajs'),
    );
    expect(r.errorCode).toBe(0);
    expect(r.members).toEqual([
      { memberId: g.b, groupInstanceId: null, errorCode: 0 },
      { memberId: g.c, groupInstanceId: null, errorCode: 0 },
      { memberId: 'ghost', groupInstanceId: null, errorCode: ErrorCode.UNKNOWN_MEMBER_ID },
    ]);
    expect(kit.coordinator.group(GROUP)!.state).toBe('PreparingRebalance');
    expect((await kit.coordinator.heartbeat(heartbeatRequest(g.a, 1))).errorCode).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    const ja = await kit.coordinator.joinGroup(joinRequest({ memberId: g.a }), ctxFor(RDKAFKA.join));
    expect(ja).toMatchObject({ errorCode: 0, generationId: 2, leader: g.a });
    expect(ja.members.map((m) => m.memberId)).toEqual([g.a]);

    // v0-v2 carry one member id and its error at the top level.
    const v1 = await kit.coordinator.leaveGroup({ groupId: GROUP, memberId: 'ghost', members: [] }, ctxFor(RDKAFKA.leave));
    expect(v1.errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('the last member leaving empties the group in a new generation, stored as an empty GroupMetadata', async () => {
    const kit = makeCoordinator();
    const a = await memberIdFor(kit, 'a');
    const ja = track(kit.coordinator.joinGroup(joinRequest({ memberId: a }), ctxFor(RDKAFKA.join)));
    kit.scheduler.advance(0);
    expect((await ja.promise).generationId).toBe(1);
    await kit.coordinator.syncGroup(syncRequest(a, 1, [{ memberId: a, assignment: assignment('orders', [0]) }]));
    await kit.coordinator.leaveGroup({ groupId: GROUP, memberId: a, members: [] }, ctxFor(RDKAFKA.leave));
    await flush();
    expect(kit.coordinator.group(GROUP)).toMatchObject({ state: 'Empty', generationId: 2, protocolName: null });
    const v = decodeGroupMetadataValue(kit.persistence.records.at(-1)!.value!);
    expect(v).toMatchObject({ generation: 2, protocol: null, members: [] });
  });

  it('a follower rejoining with a changed subscription starts a rebalance; one with the same gets the current generation', async () => {
    const kit = makeCoordinator();
    const g = await stableGroupOfThree(kit);
    const same = await kit.coordinator.joinGroup(joinRequest({ memberId: g.b }), ctxFor(RDKAFKA.join));
    expect(same).toMatchObject({ errorCode: 0, generationId: 1, leader: g.a, members: [] });
    expect(kit.coordinator.group(GROUP)!.state).toBe('Stable');
    track(kit.coordinator.joinGroup(joinRequest({ memberId: g.b, topics: ['orders', 'payments'] }), ctxFor(RDKAFKA.join)));
    expect(kit.coordinator.group(GROUP)!.state).toBe('PreparingRebalance');
  });

  it('a retried JoinGroup replaces the parked one, which is answered instead of left hanging', async () => {
    const kit = makeCoordinator();
    const g = await stableGroupOfThree(kit);
    const first = track(kit.coordinator.joinGroup(joinRequest({ memberId: g.a }), ctxFor(RDKAFKA.join)));
    const retry = track(kit.coordinator.joinGroup(joinRequest({ memberId: g.a }), ctxFor(RDKAFKA.join)));
    await flush();
    expect(first.value?.errorCode).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    expect(retry.settled).toBe(false);
    await Promise.all([g.b, g.c].map((id) => kit.coordinator.joinGroup(joinRequest({ memberId: id }), ctxFor(RDKAFKA.join))));
    expect((await retry.promise)).toMatchObject({ errorCode: 0, generationId: 2 });
  });

  it('extends the initial rebalance delay while new members keep arriving', async () => {
    const kit = makeCoordinator({ groupInitialRebalanceDelayMs: 3_000 });
    const a = await memberIdFor(kit, 'a');
    const b = await memberIdFor(kit, 'b');
    const ja = track(kit.coordinator.joinGroup(joinRequest({ memberId: a, rebalanceTimeoutMs: 10_000 }), ctxFor(RDKAFKA.join)));
    kit.scheduler.advance(2_000);
    track(kit.coordinator.joinGroup(joinRequest({ memberId: b, rebalanceTimeoutMs: 10_000 }), ctxFor(RDKAFKA.join)));
    kit.scheduler.advance(1_000);
    await flush();
    expect(ja.settled).toBe(false); // a member arrived during the delay: wait another 3 s
    kit.scheduler.advance(2_999);
    await flush();
    expect(ja.settled).toBe(false);
    kit.scheduler.advance(1);
    await flush();
    expect(ja.value).toMatchObject({ errorCode: 0, generationId: 1 });
  });

  it('a leader assignment that cannot be stored fails every parked SyncGroup and rebalances', async () => {
    const kit = makeCoordinator();
    const a = await memberIdFor(kit, 'a');
    const b = await memberIdFor(kit, 'b');
    const joins = [a, b].map((id) => kit.coordinator.joinGroup(joinRequest({ memberId: id }), ctxFor(RDKAFKA.join)));
    kit.scheduler.advance(0);
    await Promise.all(joins);
    const sb = track(kit.coordinator.syncGroup(syncRequest(b, 1)));
    kit.persistence.failNextAppend(ErrorCode.NOT_ENOUGH_REPLICAS);
    const sa = await kit.coordinator.syncGroup(syncRequest(a, 1, [{ memberId: a, assignment: assignment('orders', [0]) }]));
    expect(sa.errorCode).toBe(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    expect((await sb.promise).errorCode).toBe(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    expect(kit.coordinator.group(GROUP)!.state).toBe('PreparingRebalance');
  });

  it('a member that never sends SyncGroup is removed after the rebalance timeout', async () => {
    const kit = makeCoordinator();
    const a = await memberIdFor(kit, 'a');
    const b = await memberIdFor(kit, 'b');
    const joins = [a, b].map((id) => kit.coordinator.joinGroup(joinRequest({ memberId: id }), ctxFor(RDKAFKA.join)));
    kit.scheduler.advance(0);
    await Promise.all(joins);
    await kit.coordinator.syncGroup(syncRequest(a, 1, [{ memberId: a, assignment: assignment('orders', [0, 1]) }]));
    for (let t = 0; t < 30_000; t += 5_000) {
      kit.scheduler.advance(5_000);
      await kit.coordinator.heartbeat(heartbeatRequest(a, 1));
      await kit.coordinator.heartbeat(heartbeatRequest(b, 1));
    }
    expect(kit.coordinator.group(GROUP)!.state).toBe('PreparingRebalance');
    expect(kit.coordinator.group(GROUP)!.members.map((m) => m.memberId)).toEqual([a]);
  });

  it('validates JoinGroup: session timeout bounds, protocol consistency, group.max.size, unknown ids', async () => {
    const kit = makeCoordinator({ groupMaxSize: 3 });
    const tooShort = await kit.coordinator.joinGroup(joinRequest({ sessionTimeoutMs: 5_999 }), ctxFor(RDKAFKA.join));
    expect(tooShort.errorCode).toBe(ErrorCode.INVALID_SESSION_TIMEOUT);
    const tooLong = await kit.coordinator.joinGroup(joinRequest({ sessionTimeoutMs: 1_800_001 }), ctxFor(RDKAFKA.join));
    expect(tooLong.errorCode).toBe(ErrorCode.INVALID_SESSION_TIMEOUT);
    expect((await kit.coordinator.joinGroup(joinRequest({ groupId: '' }), ctxFor(RDKAFKA.join))).errorCode).toBe(ErrorCode.INVALID_GROUP_ID);
    expect((await kit.coordinator.joinGroup(joinRequest({ memberId: 'stale-id' }), ctxFor(RDKAFKA.join))).errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);

    const a = await memberIdFor(kit, 'a');
    const b = await memberIdFor(kit, 'b');
    const joins = [a, b].map((id) => kit.coordinator.joinGroup(joinRequest({ memberId: id }), ctxFor(RDKAFKA.join)));
    kit.scheduler.advance(0);
    await Promise.all(joins);
    const other = await kit.coordinator.joinGroup(joinRequest({ protocolType: 'connect' }), ctxFor(RDKAFKA.join));
    expect(other.errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    const otherAssignor = await kit.coordinator.joinGroup(joinRequest({ protocolName: 'roundrobin' }), ctxFor(RDKAFKA.join));
    expect(otherAssignor.errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    const c = await memberIdFor(kit, 'c');
    const jc = track(kit.coordinator.joinGroup(joinRequest({ memberId: c }), ctxFor(RDKAFKA.join)));
    expect(kit.coordinator.group(GROUP)!.state).toBe('PreparingRebalance');
    await Promise.all([a, b].map((id) => kit.coordinator.joinGroup(joinRequest({ memberId: id }), ctxFor(RDKAFKA.join))));
    expect((await jc.promise).generationId).toBe(2);
    // At group.max.size a new member is turned away before its protocols are even looked at.
    const third = await kit.coordinator.joinGroup(joinRequest({ protocolType: 'connect' }), ctxFor(RDKAFKA.join, 'c'));
    expect(third).toMatchObject({ errorCode: ErrorCode.GROUP_MAX_SIZE_REACHED, memberId: '' });
  });

  it('JoinGroup before v4 joins directly; v0 uses the session timeout as rebalance timeout and answers protocolName ""', async () => {
    const kit = makeCoordinator();
    const j = track(kit.coordinator.joinGroup(joinRequest({ rebalanceTimeoutMs: -1 }), ctxFor(0, 'old')));
    kit.scheduler.advance(0);
    await flush();
    expect(j.value).toMatchObject({ errorCode: 0, generationId: 1 });
    expect(j.value!.memberId.startsWith('old-')).toBe(true);
    const err = await kit.coordinator.joinGroup(joinRequest({ sessionTimeoutMs: 1 }), ctxFor(5));
    expect(err.protocolName).toBe('');
  });

  it('an expired KIP-394 pending member is forgotten', async () => {
    const kit = makeCoordinator();
    const id = await memberIdFor(kit, 'a');
    kit.scheduler.advance(10_001);
    const r = await kit.coordinator.joinGroup(joinRequest({ memberId: id }), ctxFor(RDKAFKA.join));
    expect(r.errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('close() answers parked requests with NOT_COORDINATOR', async () => {
    const kit = makeCoordinator({ groupInitialRebalanceDelayMs: 3_000 });
    const id = await memberIdFor(kit, 'a');
    const j = track(kit.coordinator.joinGroup(joinRequest({ memberId: id }), ctxFor(RDKAFKA.join)));
    kit.coordinator.close();
    await flush();
    expect(j.value!.errorCode).toBe(ErrorCode.NOT_COORDINATOR);
    expect((await kit.coordinator.heartbeat(heartbeatRequest(id, 0))).errorCode).toBe(ErrorCode.NOT_COORDINATOR);
    expect(kit.scheduler.pending).toBe(0);
  });
});
