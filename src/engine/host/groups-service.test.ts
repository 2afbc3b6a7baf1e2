// The groups:* channels of ConsoleService against a real single-broker cluster, through
// dispatchRpc as both bindings call them, with a kafkajs member in its own process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../test/cluster/cluster-fixture';
import { kcatProduce } from '../../../test/drivers/kcat';
import type { ResponseOf } from '../../shared/console-api';
import { dispatchRpc } from '../../shared/console-dispatch';
import type { ApiErrorBody } from '../../shared/console-errors';
import { isNonEmptyGroupError } from '../../shared/groups-types';
import { describeEngineError } from './console-error-mapping';
import { startConsoleBackend, type ConsoleBackendFixture } from './test-support/console-target';
import { startGroupMember } from './test-support/group-member';

let b: ConsoleBackendFixture;
const TOPIC = 'clicks';
const GROUP = 'svc-active';

async function call<T = unknown>(channel: string, request: unknown): Promise<T> {
  const reply = await dispatchRpc(b.service, channel, request, describeEngineError);
  if ('error' in reply) throw Object.assign(new Error(`${reply.error.name}: ${reply.error.message}`), { body: reply.error });
  return reply.result as T;
}

async function refusal(channel: string, request: unknown): Promise<ApiErrorBody> {
  const reply = await dispatchRpc(b.service, channel, request, describeEngineError);
  if (!('error' in reply)) throw new Error(`expected ${channel} to be refused, got ${JSON.stringify(reply.result)}`);
  return reply.error;
}

const committed = async (group: string) =>
  (await call<ResponseOf<'groups:describe'>>('groups:describe', { group })).partitions.map((p) => [p.partition, p.committedOffset, p.lag]);

beforeAll(async () => {
  b = await startConsoleBackend();
  await call('topics:create', { name: TOPIC, partitions: 2, replicationFactor: 1 });
  const records = [...Array.from({ length: 6 }, (_, i) => ({ value: `a${i}`, partition: 0 })), ...Array.from({ length: 4 }, (_, i) => ({ value: `b${i}`, partition: 1 }))];
  await kcatProduce(b.embedded.bootstrap, TOPIC, records);
}, 60_000);
afterAll(async () => {
  await b?.close();
});

describe('groups channels on a real cluster', () => {
  it('an active group: list and describe show its member and lag; reset, delete and delete-offsets are refused', async () => {
    // Commits made while the group does not exist yet create it, as Kafka's tool does.
    const created = await call<ResponseOf<'groups:reset'>>('groups:reset', { group: GROUP, spec: { kind: 'to-offset', offset: 1 }, scope: { allTopics: true }, execute: true });
    expect(created).toMatchObject({ state: 'Dead', executed: true, rows: [] });
    await call('groups:reset', { group: GROUP, spec: { kind: 'to-offset', offset: 1 }, scope: { topics: [{ topic: TOPIC }] }, execute: true });

    // autoCommit off: the member reads everything but the group's offsets stay at 1.
    const member = await startGroupMember(b.embedded.bootstrap, GROUP, TOPIC);
    try {
      const detail = await call<ResponseOf<'groups:describe'>>('groups:describe', { group: GROUP });
      expect(detail).toMatchObject({ state: 'Stable', protocolType: 'consumer', totalLag: 8 });
      expect(detail.members).toHaveLength(1);
      expect(detail.members[0]).toMatchObject({ clientId: member.clientId, assignment: [{ topic: TOPIC, partition: 0 }, { topic: TOPIC, partition: 1 }] });
      expect(detail.partitions.map((p) => [p.partition, p.committedOffset, p.logEndOffset, p.lag, p.memberId])).toEqual([
        [0, 1, 6, 5, detail.members[0]!.memberId],
        [1, 1, 4, 3, detail.members[0]!.memberId],
      ]);
      expect(detail.partitions.every((p) => typeof p.timeLagMs === 'number' && p.timeLagMs >= 0)).toBe(true);

      // The list takes lag from the sampler's last tick: wait for a tick that has seen the member's group.
      const { groups } = await waitFor(
        'a sampler tick with the group\'s lag',
        () => call<ResponseOf<'groups:list'>>('groups:list', {}),
        (r) => r.groups.some((g) => g.groupId === GROUP && g.totalLag !== null && g.state === 'Stable'),
        10_000,
      );
      expect(groups.find((g) => g.groupId === GROUP)).toEqual({
        groupId: GROUP,
        state: 'Stable',
        protocolType: 'consumer',
        members: 1,
        totalLag: 8,
        protocol: 'RoundRobinAssigner',
        coordinatorId: 1,
        topics: [TOPIC],
        maxTimeLagMs: expect.any(Number),
      });

      for (const [channel, request] of [
        ['groups:reset', { group: GROUP, spec: { kind: 'to-earliest' }, scope: { allTopics: true } }],
        ['groups:delete', { group: GROUP }],
      ] as const) {
        const e = await refusal(channel, request);
        expect(e.name).toBe('NON_EMPTY_GROUP');
        if (!isNonEmptyGroupError(e)) throw new Error(`${channel}: NON_EMPTY_GROUP without the group: ${JSON.stringify(e)}`);
        expect(e.group).toMatchObject({ groupId: GROUP, state: 'Stable' });
        expect(e.group.members.map((m) => m.clientId)).toEqual([member.clientId]);
        // Also in the text, for hops that keep only name and message.
        expect(e.message).toMatch(new RegExp(`state is Stable; 1 member: .*client ${member.clientId}`));
      }
      expect((await refusal('groups:delete-offsets', { group: GROUP, topic: TOPIC })).name).toBe('GROUP_SUBSCRIBED_TO_TOPIC');
    } finally {
      await member.stop();
    }
    expect(await committed(GROUP)).toEqual([
      [0, 1, 5],
      [1, 1, 3],
    ]);
  }, 60_000);

  it('reset: a dry run changes nothing, execute commits the plan; scenarios that cannot apply are INVALID_REQUEST', async () => {
    const plan = await call<ResponseOf<'groups:reset'>>('groups:reset', { group: GROUP, spec: { kind: 'to-earliest' }, scope: { allTopics: true } });
    expect(plan).toMatchObject({ groupId: GROUP, state: 'Empty', executed: false });
    expect(plan.rows.map((r) => [r.partition, r.currentOffset, r.targetOffset])).toEqual([
      [0, 1, 0],
      [1, 1, 0],
    ]);
    expect(await committed(GROUP)).toEqual([
      [0, 1, 5],
      [1, 1, 3],
    ]);

    const shifted = await call<ResponseOf<'groups:reset'>>('groups:reset', { group: GROUP, spec: { kind: 'shift-by', shift: 4 }, scope: { topics: [{ topic: TOPIC, partitions: [1] }] }, execute: true });
    expect(shifted.rows.map((r) => [r.partition, r.requestedOffset, r.targetOffset, r.clamped])).toEqual([[1, 5, 4, 'end']]);
    expect(await committed(GROUP)).toEqual([
      [0, 1, 5],
      [1, 4, 0],
    ]);

    const e = await refusal('groups:reset', { group: 'svc-never', spec: { kind: 'shift-by', shift: 1 }, scope: { topics: [{ topic: TOPIC }] } });
    expect(e).toMatchObject({ name: 'INVALID_REQUEST', message: expect.stringMatching(/no committed offset/) });
    expect((await refusal('groups:reset', { group: GROUP, spec: { kind: 'to-earliest' }, scope: { topics: [{ topic: 'nope' }] } })).name).toBe('UNKNOWN_TOPIC_OR_PARTITION');
  });

  it('delete-offsets then delete; a deleted group is GROUP_ID_NOT_FOUND', async () => {
    expect(await call('groups:delete-offsets', { group: GROUP, topic: TOPIC })).toEqual({ groupId: GROUP, topic: TOPIC, partitions: [0, 1] });
    expect(await committed(GROUP)).toEqual([]);
    expect(await call('groups:delete', { group: GROUP })).toEqual({ groupId: GROUP });
    expect((await refusal('groups:describe', { group: GROUP })).name).toBe('GROUP_ID_NOT_FOUND');
    expect((await refusal('groups:delete', { group: GROUP })).name).toBe('GROUP_ID_NOT_FOUND');
    const { groups } = await call<ResponseOf<'groups:list'>>('groups:list', {});
    expect(groups.map((g) => g.groupId)).not.toContain(GROUP);
  });
});
