import { describe, expect, it } from 'vitest';
import type { OffsetCommitRequest } from '../protocol/apis/08-offset-commit';
import type { OffsetFetchRequest } from '../protocol/apis/09-offset-fetch';
import { ErrorCode } from '../protocol/errors';
import { decodeGroupRecordKey, decodeOffsetCommitValue } from './group-records-codec';
import { GROUP, RDKAFKA, assignment, ctxFor, flush, joinRequest, makeCoordinator, syncRequest, track } from './test-support/group-test-kit';

type Kit = ReturnType<typeof makeCoordinator>;

function commit(
  partitions: { topic: string; partition: number; offset: bigint; metadata?: string | null }[],
  o: { groupId?: string; generation?: number; memberId?: string; retentionTimeMs?: bigint } = {},
): OffsetCommitRequest {
  const topics = [...new Set(partitions.map((p) => p.topic))].map((name) => ({
    name,
    partitions: partitions
      .filter((p) => p.topic === name)
      .map((p) => ({ partitionIndex: p.partition, committedOffset: p.offset, committedLeaderEpoch: 4, commitTimestamp: -1n, committedMetadata: p.metadata ?? null })),
  }));
  return {
    groupId: o.groupId ?? GROUP,
    generationIdOrMemberEpoch: o.generation ?? -1,
    memberId: o.memberId ?? '',
    groupInstanceId: null,
    retentionTimeMs: o.retentionTimeMs ?? -1n,
    topics,
  };
}

function fetchV7(topics: { name: string; partitionIndexes: number[] }[] | null, groupId = GROUP): OffsetFetchRequest {
  return { groupId, topics, groups: [], requireStable: true };
}

const errors = (r: { topics: { partitions: { errorCode: number }[] }[] }) => r.topics.flatMap((t) => t.partitions.map((p) => p.errorCode));

/** One consumer member (subscribed to "orders") Stable in generation 1. */
async function stableMember(kit: Kit, sessionTimeoutMs = 10_000): Promise<string> {
  const { memberId } = await kit.coordinator.joinGroup(joinRequest({ sessionTimeoutMs }), ctxFor(RDKAFKA.join));
  const j = track(kit.coordinator.joinGroup(joinRequest({ memberId, sessionTimeoutMs }), ctxFor(RDKAFKA.join)));
  kit.scheduler.advance(0);
  await j.promise;
  await kit.coordinator.syncGroup(syncRequest(memberId, 1, [{ memberId, assignment: assignment('orders', [0, 1]) }]));
  return memberId;
}

describe('offset commit and fetch', () => {
  it('round-trips a member commit through OffsetFetch (v7 named partitions, v7 all, v8 several groups)', async () => {
    const kit = makeCoordinator();
    const member = await stableMember(kit);
    const c = await kit.coordinator.offsetCommit(
      commit([{ topic: 'orders', partition: 0, offset: 42n, metadata: 'm0' }, { topic: 'orders', partition: 1, offset: 7n }], { generation: 1, memberId: member }),
      ctxFor(RDKAFKA.commit),
    );
    expect(errors(c)).toEqual([0, 0]);

    const named = await kit.coordinator.offsetFetch(fetchV7([{ name: 'orders', partitionIndexes: [0, 1, 2] }]), ctxFor(RDKAFKA.fetch));
    expect(named.errorCode).toBe(0);
    expect(named.topics![0].partitions).toEqual([
      { partitionIndex: 0, committedOffset: 42n, committedLeaderEpoch: 4, metadata: 'm0', errorCode: 0 },
      { partitionIndex: 1, committedOffset: 7n, committedLeaderEpoch: 4, metadata: '', errorCode: 0 },
      { partitionIndex: 2, committedOffset: -1n, committedLeaderEpoch: -1, metadata: '', errorCode: 0 },
    ]);
    const all = await kit.coordinator.offsetFetch(fetchV7(null), ctxFor(RDKAFKA.fetch));
    expect(all.topics!.map((t) => [t.name, t.partitions!.map((p) => p.committedOffset)])).toEqual([['orders', [42n, 7n]]]);

    const multi = await kit.coordinator.offsetFetch(
      { groupId: '', topics: [], requireStable: false, groups: [
        { groupId: GROUP, memberId: null, memberEpoch: -1, topics: null },
        { groupId: 'unknown-group', memberId: null, memberEpoch: -1, topics: [{ name: 'orders', partitionIndexes: [0] }] },
      ] },
      ctxFor(8),
    );
    expect(multi.groups![0].topics![0].partitions!.map((p) => p.committedOffset)).toEqual([42n, 7n]);
    expect(multi.groups![1]).toMatchObject({ groupId: 'unknown-group', errorCode: 0 });
    expect(multi.groups![1].topics![0].partitions![0].committedOffset).toBe(-1n);

    // The commit is stored as OffsetCommit records (value v3, as Kafka 3.9 writes).
    const rec = kit.persistence.records.find((r) => decodeGroupRecordKey(r.key).kind === 'offsetCommit')!;
    expect(decodeGroupRecordKey(rec.key)).toEqual({ kind: 'offsetCommit', group: GROUP, topic: 'orders', partition: 0 });
    expect(decodeOffsetCommitValue(rec.value!)).toMatchObject({ version: 3, offset: 42n, leaderEpoch: 4, metadata: 'm0', commitTimestamp: BigInt(kit.clock.now()) });
  });

  it('refuses commits from a stale generation, unknown members, and during CompletingRebalance', async () => {
    const kit = makeCoordinator();
    const member = await stableMember(kit);
    const p = [{ topic: 'orders', partition: 0, offset: 1n }];
    expect(errors(await kit.coordinator.offsetCommit(commit(p, { generation: 0, memberId: member }), ctxFor(7)))).toEqual([ErrorCode.ILLEGAL_GENERATION]);
    expect(errors(await kit.coordinator.offsetCommit(commit(p, { generation: 1, memberId: 'ghost' }), ctxFor(7)))).toEqual([ErrorCode.UNKNOWN_MEMBER_ID]);
    // A new member makes the group rebalance; once it has joined, the commit waits for the assignment.
    const { memberId: other } = await kit.coordinator.joinGroup(joinRequest(), ctxFor(RDKAFKA.join, 'other'));
    const j1 = track(kit.coordinator.joinGroup(joinRequest({ memberId: other }), ctxFor(RDKAFKA.join)));
    await kit.coordinator.joinGroup(joinRequest({ memberId: member }), ctxFor(RDKAFKA.join));
    await j1.promise;
    expect(kit.coordinator.group(GROUP)!.state).toBe('CompletingRebalance');
    expect(errors(await kit.coordinator.offsetCommit(commit(p, { generation: 2, memberId: member }), ctxFor(7)))).toEqual([ErrorCode.REBALANCE_IN_PROGRESS]);
    // A member generation for a group that does not exist: ILLEGAL_GENERATION before v9, GROUP_ID_NOT_FOUND after.
    expect(errors(await kit.coordinator.offsetCommit(commit(p, { groupId: 'nope', generation: 3, memberId: 'x' }), ctxFor(7)))).toEqual([ErrorCode.ILLEGAL_GENERATION]);
    expect(errors(await kit.coordinator.offsetCommit(commit(p, { groupId: 'nope', generation: 3, memberId: 'x' }), ctxFor(9)))).toEqual([ErrorCode.GROUP_ID_NOT_FOUND]);
  });

  it('admin commits (generation -1, no member) work for an empty group and are refused for a non-empty one', async () => {
    const kit = makeCoordinator();
    const p = [{ topic: 'orders', partition: 0, offset: 100n }];
    expect(errors(await kit.coordinator.offsetCommit(commit(p, { groupId: 'reset-me' }), ctxFor(5, 'kafkajs')))).toEqual([0]);
    expect(kit.coordinator.group('reset-me')).toMatchObject({ state: 'Empty', protocolType: null });
    const listed = await kit.coordinator.listGroups({ statesFilter: ['EMPTY'], typesFilter: [] });
    expect(listed.groups).toEqual([{ groupId: 'reset-me', protocolType: '', groupState: 'Empty', groupType: 'classic' }]);

    await stableMember(kit);
    expect(errors(await kit.coordinator.offsetCommit(commit(p), ctxFor(7)))).toEqual([ErrorCode.UNKNOWN_MEMBER_ID]);
  });

  it('answers OFFSET_METADATA_TOO_LARGE per partition and maps a failed append to COORDINATOR_NOT_AVAILABLE', async () => {
    const kit = makeCoordinator({ offsetMetadataMaxBytes: 4 });
    const r = await kit.coordinator.offsetCommit(
      commit([{ topic: 't', partition: 0, offset: 1n, metadata: 'short' }, { topic: 't', partition: 1, offset: 1n, metadata: 'ok' }]),
      ctxFor(7),
    );
    expect(errors(r)).toEqual([ErrorCode.OFFSET_METADATA_TOO_LARGE, 0]);
    kit.persistence.failNextAppend(ErrorCode.NOT_ENOUGH_REPLICAS);
    const failed = await kit.coordinator.offsetCommit(commit([{ topic: 'u', partition: 0, offset: 9n }], { groupId: 'g2' }), ctxFor(7));
    expect(errors(failed)).toEqual([ErrorCode.COORDINATOR_NOT_AVAILABLE]);
    expect(kit.coordinator.group('g2')).toBeUndefined();
    const fetched = await kit.coordinator.offsetFetch(fetchV7([{ name: 'u', partitionIndexes: [0] }], 'g2'), ctxFor(7));
    expect(fetched.topics![0].partitions![0].committedOffset).toBe(-1n);
  });
});

describe('group administration', () => {
  it('DeleteGroups: NON_EMPTY_GROUP for a group with members, GROUP_ID_NOT_FOUND for none, tombstones for an empty one', async () => {
    const kit = makeCoordinator();
    await stableMember(kit);
    await kit.coordinator.offsetCommit(commit([{ topic: 'orders', partition: 3, offset: 5n }], { groupId: 'old-app' }), ctxFor(7));
    const r = await kit.coordinator.deleteGroups({ groupsNames: [GROUP, 'missing', 'old-app'] });
    expect(r.results).toEqual([
      { groupId: GROUP, errorCode: ErrorCode.NON_EMPTY_GROUP },
      { groupId: 'missing', errorCode: ErrorCode.GROUP_ID_NOT_FOUND },
      { groupId: 'old-app', errorCode: 0 },
    ]);
    const tail = kit.persistence.records.slice(-2);
    expect(tail.map((t) => [decodeGroupRecordKey(t.key).kind, t.value])).toEqual([['offsetCommit', null], ['groupMetadata', null]]);
    const d = await kit.coordinator.describeGroups({ groups: ['old-app'], includeAuthorizedOperations: false });
    expect(d.groups[0]).toMatchObject({ groupId: 'old-app', groupState: 'Dead', errorCode: 0, members: [] });
    const f = await kit.coordinator.offsetFetch(fetchV7(null, 'old-app'), ctxFor(7));
    expect(f.topics).toEqual([]);
  });

  it('DescribeGroups shows members with metadata when Stable; ListGroups filters by state', async () => {
    const kit = makeCoordinator();
    const member = await stableMember(kit);
    const d = await kit.coordinator.describeGroups({ groups: [GROUP], includeAuthorizedOperations: false });
    expect(d.groups[0]).toMatchObject({ groupState: 'Stable', protocolType: 'consumer', protocolData: 'range' });
    expect(d.groups[0].members[0]).toMatchObject({ memberId: member, clientId: 'rdkafka', clientHost: '/127.0.0.1' });
    expect(d.groups[0].members[0].memberAssignment).toEqual(assignment('orders', [0, 1]));
    expect((await kit.coordinator.listGroups({ statesFilter: ['stable'], typesFilter: ['Classic'] })).groups.map((g) => g.groupId)).toEqual([GROUP]);
    expect((await kit.coordinator.listGroups({ statesFilter: ['Empty'], typesFilter: [] })).groups).toEqual([]);
    expect((await kit.coordinator.listGroups({ statesFilter: [], typesFilter: ['consumer'] })).groups).toEqual([]);
  });

  it('OffsetDelete: GROUP_SUBSCRIBED_TO_TOPIC for a subscribed topic, deletes the others', async () => {
    const kit = makeCoordinator();
    const member = await stableMember(kit);
    await kit.coordinator.offsetCommit(
      commit([{ topic: 'orders', partition: 0, offset: 1n }, { topic: 'legacy', partition: 0, offset: 2n }], { generation: 1, memberId: member }),
      ctxFor(7),
    );
    const r = await kit.coordinator.offsetDelete({
      groupId: GROUP,
      topics: [{ name: 'orders', partitions: [{ partitionIndex: 0 }] }, { name: 'legacy', partitions: [{ partitionIndex: 0 }] }],
    });
    expect(r.errorCode).toBe(0);
    expect(r.topics.map((t) => [t.name, t.partitions[0].errorCode])).toEqual([['orders', ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC], ['legacy', 0]]);
    expect(kit.coordinator.committedOffset(GROUP, 'legacy', 0)).toBeUndefined();
    expect(kit.coordinator.committedOffset(GROUP, 'orders', 0)?.offset).toBe(1n);
    expect((await kit.coordinator.offsetDelete({ groupId: 'nope', topics: [] })).errorCode).toBe(ErrorCode.GROUP_ID_NOT_FOUND);
  });
});

describe('offset expiry', () => {
  const DAY = 24 * 60 * 60_000;

  it('expires a simple group offsets after offsets.retention.minutes and then removes the group', async () => {
    const kit = makeCoordinator();
    await kit.coordinator.offsetCommit(commit([{ topic: 't', partition: 0, offset: 3n }], { groupId: 'simple' }), ctxFor(7));
    kit.scheduler.advance(7 * DAY - 60_000);
    await flush();
    expect(kit.coordinator.committedOffset('simple', 't', 0)).toBeDefined();
    kit.scheduler.advance(10 * 60_000); // the next 10-minute check after the 7 days
    await flush();
    expect(kit.coordinator.committedOffset('simple', 't', 0)).toBeUndefined();
    expect(kit.coordinator.group('simple')).toBeUndefined();
    expect(kit.persistence.records.slice(-2).map((r) => [decodeGroupRecordKey(r.key).kind, r.value])).toEqual([['offsetCommit', null], ['groupMetadata', null]]);
  });

  it('keeps the offsets of a Stable group subscribed to their topic however old they get', async () => {
    const kit = makeCoordinator();
    const SESSION = 30 * 60_000; // group.max.session.timeout.ms, so days pass with few heartbeats
    const member = await stableMember(kit, SESSION);
    await kit.coordinator.offsetCommit(commit([{ topic: 'orders', partition: 0, offset: 9n }], { generation: 1, memberId: member }), ctxFor(7));
    for (let t = 0; t < 8 * DAY; t += SESSION / 2) {
      kit.scheduler.advance(SESSION / 2);
      expect((await kit.coordinator.heartbeat({ groupId: GROUP, generationId: 1, memberId: member, groupInstanceId: null })).errorCode).toBe(0);
    }
    await flush();
    expect(kit.coordinator.committedOffset(GROUP, 'orders', 0)).toBeDefined();
  });

  it('expires offsets of a group that became Empty only after the retention since then', async () => {
    const kit = makeCoordinator();
    const SESSION = 30 * 60_000;
    const member = await stableMember(kit, SESSION);
    await kit.coordinator.offsetCommit(commit([{ topic: 'orders', partition: 0, offset: 9n }], { generation: 1, memberId: member }), ctxFor(7));
    for (let t = 0; t < 3 * DAY; t += SESSION / 2) {
      kit.scheduler.advance(SESSION / 2);
      await kit.coordinator.heartbeat({ groupId: GROUP, generationId: 1, memberId: member, groupInstanceId: null });
    }
    await kit.coordinator.leaveGroup({ groupId: GROUP, memberId: member, members: [] }, ctxFor(1));
    expect(kit.coordinator.group(GROUP)!.state).toBe('Empty');
    kit.scheduler.advance(5 * DAY); // 8 days after the commit, 5 after becoming Empty
    await flush();
    expect(kit.coordinator.committedOffset(GROUP, 'orders', 0)).toBeDefined();
    kit.scheduler.advance(2 * DAY + 10 * 60_000);
    await flush();
    expect(kit.coordinator.committedOffset(GROUP, 'orders', 0)).toBeUndefined();
    expect(kit.coordinator.group(GROUP)).toBeUndefined();
  });

  it('honours an explicit retention time from OffsetCommit v2-v4 (stored as value v1)', async () => {
    const kit = makeCoordinator();
    await kit.coordinator.offsetCommit(commit([{ topic: 't', partition: 0, offset: 1n }], { groupId: 'short', retentionTimeMs: 60_000n }), ctxFor(2));
    const stored = kit.persistence.records.find((r) => r.value && decodeGroupRecordKey(r.key).kind === 'offsetCommit')!;
    expect(decodeOffsetCommitValue(stored.value!)).toMatchObject({ version: 1, expireTimestamp: BigInt(kit.clock.now() + 60_000) });
    kit.scheduler.advance(10 * 60_000);
    await flush();
    expect(kit.coordinator.committedOffset('short', 't', 0)).toBeUndefined();
  });
});
