// One conformance suite for every binding of the ConsoleApi (DESIGN decision 10): the HTTP/
// WebSocket binding of the engine host and the Electron IPC binding run these same cases against
// a real single-broker cluster. A binding passes only if it validates, answers and fails alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleStream, PayloadOf, Unsubscribe } from './console-api';
import type { ApiErrorBody, RpcReply } from './console-errors';
import type { ClusterChangedEvent, ClusterView, ConnectionInfo, CreatedTopicView, TopicDetail, TopicSummary } from './console-types';
import { messagesConformanceCases } from './messages-api.conformance';
import { transferConformanceCases } from './messages-transfer-api.conformance';
import { searchConformanceCases } from './messages-search.conformance';
import type { HistorySeriesResponse, LagSummary, TopicGroupsResponse } from './groups-history-types';
import { isNonEmptyGroupError, type GroupDetail, type GroupListResponse, type GroupResetResult, type LagSampledEvent, type LagSeriesResponse } from './groups-types';

export interface ConformanceTarget {
  /** Sends a request through the binding as is (the suite sends malformed ones too). */
  call(channel: string, request: unknown): Promise<RpcReply<unknown>>;
  subscribe<S extends ConsoleStream>(stream: S, listener: (payload: PayloadOf<S>) => void): Unsubscribe;
  /** The embedded cluster behind the binding. */
  embedded: { bootstrap: string; dataDir: string };
  /** Produces `count` records to a partition with the project's client, to move offsets. */
  produce(topic: string, partition: number, count: number): Promise<void>;
  /** A live consumer-group member in its own process; stop() makes it leave the group. */
  startGroupMember(groupId: string, topic: string): Promise<{ clientId: string; stop(): Promise<void> }>;
  close(): Promise<void>;
}

/** Polls `probe` until it returns a value (bounded: 15 s). */
async function until<T>(probe: () => Promise<T | null>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== null) return v;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

function ok<T>(reply: RpcReply<unknown>): T {
  if ('error' in reply) throw new Error(`expected a result, got ${reply.error.name}: ${reply.error.message}`);
  return reply.result as T;
}

function err(reply: RpcReply<unknown>): ApiErrorBody {
  if (!('error' in reply)) throw new Error(`expected an error, got ${JSON.stringify(reply.result)}`);
  // The UI shows "NAME: message": the message must not repeat the name.
  expect(reply.error.message.startsWith(`${reply.error.name}:`)).toBe(false);
  return reply.error;
}

function nextEvent(target: ConformanceTarget, accept: (e: ClusterChangedEvent) => boolean, timeoutMs = 15_000): { event: Promise<ClusterChangedEvent>; stop: Unsubscribe } {
  let stop: Unsubscribe = () => undefined;
  const event = new Promise<ClusterChangedEvent>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no matching cluster:changed event')), timeoutMs);
    stop = target.subscribe('cluster:changed', (e) => {
      if (!accept(e)) return;
      clearTimeout(timer);
      resolve(e);
    });
  });
  return { event, stop };
}

export function describeConsoleApiConformance(binding: string, open: () => Promise<ConformanceTarget>): void {
  describe(`ConsoleApi conformance: ${binding}`, () => {
    let t: ConformanceTarget;
    const topic = `orders-${binding.replace(/[^a-z]/gi, '').toLowerCase()}`;

    beforeAll(async () => {
      t = await open();
    }, 60_000);
    afterAll(async () => {
      await t?.close();
    });

    it('cluster:describe shows the embedded cluster, its broker, data folder and health', async () => {
      const view = ok<ClusterView>(await t.call('cluster:describe', {}));
      expect(view.connection).toEqual({ kind: 'embedded', bootstrap: t.embedded.bootstrap, embeddedAvailable: true });
      expect(view.dataDir).toBe(t.embedded.dataDir);
      expect(typeof view.clusterId).toBe('string');
      const [host, port] = t.embedded.bootstrap.split(':');
      expect(view.brokers).toEqual([{ id: 1, host, port: Number(port), rack: null, state: 'running', registered: true }]);
      expect(view.health).toMatchObject({ brokersUp: 1, brokersTotal: 1, underReplicatedPartitions: 0, offlinePartitions: 0 });
    });

    it('topics:create, topics:list and topics:describe with log start and high watermark', async () => {
      const created = ok<CreatedTopicView>(await t.call('topics:create', { name: topic, partitions: 3, replicationFactor: 1 }));
      expect(created).toMatchObject({ name: topic, partitions: 3, replicationFactor: 1 });
      await t.produce(topic, 1, 5);

      const { topics } = ok<{ topics: TopicSummary[] }>(await t.call('topics:list', {}));
      expect(topics.find((x) => x.name === topic)).toEqual({
        name: topic,
        topicId: created.topicId,
        internal: false,
        partitions: 3,
        replicationFactor: 1,
        underReplicatedPartitions: 0,
        offlinePartitions: 0,
      });

      const detail = ok<TopicDetail>(await t.call('topics:describe', { name: topic }));
      expect(detail.offsetsError).toBeNull();
      expect(detail.partitions.map((p) => [p.partition, p.leader, p.replicas, p.isr, p.offlineReplicas, p.logStartOffset, p.highWatermark])).toEqual([
        [0, 1, [1], [1], [], 0, 0],
        [1, 1, [1], [1], [], 0, 5],
        [2, 1, [1], [1], [], 0, 0],
      ]);
    });

    it('Kafka errors cross with their Kafka name', async () => {
      expect(err(await t.call('topics:create', { name: topic, partitions: 1 })).name).toBe('TOPIC_ALREADY_EXISTS');
      expect(err(await t.call('topics:describe', { name: 'no-such-topic' })).name).toBe('UNKNOWN_TOPIC_OR_PARTITION');
      expect(err(await t.call('topics:create', { name: `${topic}-rf`, partitions: 1, replicationFactor: 3 })).name).toBe('INVALID_REPLICATION_FACTOR');
    });

    it.each([
      ['topics:create', {}, /request\.name is required/],
      ['topics:create', { name: 'x', partitions: 0 }, /request\.partitions must be between 1 and/],
      ['topics:create', { name: 'x', partitions: 1.5 }, /request\.partitions must be a whole number/],
      ['topics:create', { name: 'bad name!' }, /request\.name must be a Kafka topic name/],
      ['topics:create', { name: 'x', configs: { 'retention.ms': 5 } }, /request\.configs\.retention\.ms must be a string/],
      ['topics:describe', { name: 'x', extra: true }, /unknown field 'extra'/],
      ['topics:delete', 'orders', /request must be an object/],
      ['cluster:describe', [], /request must be an object/],
      ['connection:connect-external', { bootstrap: 'no-port' }, /host:port/],
      ['groups:describe', {}, /request\.group is required/],
      ['groups:reset', { group: 'g', spec: { kind: 'to-latest' } }, /request\.scope is required for to-latest/],
      ['groups:reset', { group: 'g', spec: { kind: 'to-offset', offset: -1 }, scope: { allTopics: true } }, /request\.spec\.offset must be between 0/],
      ['groups:reset', { group: 'g', spec: { kind: 'rewind' }, scope: { allTopics: true } }, /request\.spec\.kind must be one of/],
      ['groups:delete-offsets', { group: 'g', topic: 'bad topic' }, /request\.topic must be a Kafka topic name/],
      ['lag:series', { rangeMs: 0 }, /request\.rangeMs must be between 1/],
      ['history:series', { window: '2h' }, /request\.window must be one of 5m, 1h, 24h, 7d/],
      ['history:series', { window: '5m', kinds: ['lag'] }, /request\.kinds\[0\] must be one of/],
      ['groups:by-topic', { topic: 'bad topic' }, /request\.topic must be a Kafka topic name/],
      ['groups:reset', { group: 'g', spec: { kind: 'to-latest' }, scope: { allTopics: true }, planId: 'abc' }, /request\.planId goes with execute: true/],
      ['groups:reset', { group: 'g', spec: { kind: 'from-group' }, scope: { allTopics: true } }, /request\.spec\.group is required/],
    ])('%s refuses %j with INVALID_REQUEST', async (channel, request, message) => {
      const e = err(await t.call(channel, request));
      expect(e.name).toBe('INVALID_REQUEST');
      expect(e.message).toMatch(message);
    });

    it('cluster:changed replays the current state and follows changes', async () => {
      const first = nextEvent(t, () => true);
      const initial = await first.event;
      first.stop();
      expect(initial.error).toBeNull();
      const topicsBefore = initial.view!.health.topics;
      const grown = nextEvent(t, (e) => (e.view?.health.topics ?? 0) > topicsBefore);
      try {
        ok(await t.call('topics:create', { name: `${topic}-events`, partitions: 2 }));
        const e = await grown.event;
        expect(e.view!.health.partitions).toBe(initial.view!.health.partitions + 2);
      } finally {
        grown.stop();
      }
    });

    it('topics:delete removes the topic', async () => {
      expect(ok(await t.call('topics:delete', { name: `${topic}-events` }))).toEqual({ name: `${topic}-events` });
      const { topics } = ok<{ topics: TopicSummary[] }>(await t.call('topics:list', {}));
      expect(topics.map((x) => x.name)).not.toContain(`${topic}-events`);
      expect(err(await t.call('topics:delete', { name: `${topic}-events` })).name).toBe('UNKNOWN_TOPIC_OR_PARTITION');
    });

    it('connection:connect-external and connection:use-embedded switch the cluster the views read', async () => {
      // Nothing listens on port 1: the switch fails and the console stays where it was.
      const refused = err(await t.call('connection:connect-external', { bootstrap: '127.0.0.1:1' }));
      expect(refused.name).toBe('BROKER_UNREACHABLE');
      expect(ok<ClusterView>(await t.call('cluster:describe', {})).connection.kind).toBe('embedded');

      // The embedded cluster seen as an external one: only what the protocol tells.
      const external = ok<ConnectionInfo>(await t.call('connection:connect-external', { bootstrap: t.embedded.bootstrap }));
      expect(external).toEqual({ kind: 'external', bootstrap: t.embedded.bootstrap, embeddedAvailable: true });
      const view = ok<ClusterView>(await t.call('cluster:describe', {}));
      expect(view.dataDir).toBeNull();
      expect(view.brokers.map((b) => [b.id, b.state, b.registered])).toEqual([[1, 'online', true]]);
      expect(ok<TopicDetail>(await t.call('topics:describe', { name: topic })).partitions[1]!.highWatermark).toBe(5);

      const back = ok<ConnectionInfo>(await t.call('connection:use-embedded', {}));
      expect(back.kind).toBe('embedded');
      expect(ok<ClusterView>(await t.call('cluster:describe', {})).dataDir).toBe(t.embedded.dataDir);
    });

    // Consumer groups (issue 5 §4) on partition 1 of the topic, which holds 5 records; after the
    // connection switches, so the lag sampler also follows a reconnect.
    const group = `console-${binding.replace(/[^a-z]/gi, '').toLowerCase()}`;
    const lagOn = (e: LagSampledEvent, partition: number) => e.partitions.find((p) => p.group === group && p.topic === topic && p.partition === partition)?.lag;

    it('groups:reset plans without committing unless execute; groups:list and groups:describe then show the group', async () => {
      const resetTo2 = { group, spec: { kind: 'to-offset', offset: 2 }, scope: { topics: [{ topic, partitions: [1] }] } };
      const plan = ok<GroupResetResult>(await t.call('groups:reset', resetTo2));
      expect(plan).toMatchObject({ groupId: group, executed: false });
      expect(plan.rows.map((r) => [r.partition, r.currentOffset, r.targetOffset, r.logEndOffset])).toEqual([[1, null, 2, 5]]);
      expect(err(await t.call('groups:describe', { group })).name).toBe('GROUP_ID_NOT_FOUND');

      expect(plan.planId).toMatch(/^[A-Za-z0-9_-]+$/);
      // Executing the previewed plan by its id writes exactly those rows.
      const executed = ok<GroupResetResult>(await t.call('groups:reset', { ...resetTo2, execute: true, planId: plan.planId }));
      expect(executed).toMatchObject({ executed: true, planId: null });
      expect(executed.rows).toEqual(plan.rows);
      // A plan id is used once.
      expect(err(await t.call('groups:reset', { ...resetTo2, execute: true, planId: plan.planId })).name).toBe('NOT_FOUND');
      // Lag comes from the sampler: the list shows the commit from its next tick on.
      const listed = await until(async () => {
        const r = ok<GroupListResponse>(await t.call('groups:list', {}));
        return r.groups.find((g) => g.groupId === group && g.totalLag === 3) ? r : null;
      });
      expect(listed.groups.find((g) => g.groupId === group)).toMatchObject({ state: 'Empty', members: 0, totalLag: 3, topics: [topic], coordinatorId: 1, protocol: '', maxTimeLagMs: expect.any(Number) });
      expect(listed.lagSampledAt).toEqual(expect.any(Number));
      expect(listed.totalLag).toBeGreaterThanOrEqual(3);
      const byTopic = ok<TopicGroupsResponse>(await t.call('groups:by-topic', { topic }));
      expect(byTopic.topics.map((x) => [x.topic, x.groups.map((g) => [g.groupId, g.lag, g.partitions.map((p) => [p.partition, p.committedOffset, p.lag])])])).toEqual([
        [topic, [[group, 3, [[1, 2, 3]]]]],
      ]);
      const summary = ok<LagSummary>(await t.call('lag:summary', {}));
      expect(summary).toMatchObject({ error: null, laggingGroups: 1 });
      expect(summary.totalLag).toBe(3);
      const detail = ok<GroupDetail>(await t.call('groups:describe', { group }));
      expect(detail).toMatchObject({ groupId: group, state: 'Empty', members: [], totalLag: 3, rebalances: [] });
      expect(detail.lagSparklines.map((l) => [l.topic, l.points.at(-1)?.value])).toEqual([[topic, 3]]);
      expect(detail.partitions.map((p) => [p.topic, p.partition, p.committedOffset, p.logEndOffset, p.lag, p.memberId])).toEqual([[topic, 1, 2, 5, 3, null]]);
    });

    it('lag:sampled reports a stopped group’s lag growing as records arrive; lag:series holds it', async () => {
      const seen: LagSampledEvent[] = [];
      let wake = (): void => undefined;
      const stop = t.subscribe('lag:sampled', (e) => {
        seen.push(e);
        wake();
      });
      const until = (lag: number) =>
        new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`lag never reached ${lag}: ${JSON.stringify(seen.map((e) => lagOn(e, 1)))}`)), 15_000);
          wake = () => {
            if (!seen.some((e) => lagOn(e, 1) === lag)) return;
            clearTimeout(timer);
            resolve();
          };
          wake();
        });
      try {
        await until(3);
        await t.produce(topic, 1, 4);
        await until(7);
      } finally {
        stop();
      }
      expect(seen.every((e) => e.error === null)).toBe(true);
      const series = ok<LagSeriesResponse>(await t.call('lag:series', { group, topic, rangeMs: 300_000 }));
      expect(series.groupLag.map((s) => [s.group, s.topic, s.points.at(-1)?.value])).toEqual([[group, topic, 7]]);
      expect(series.partitionLag.map((s) => [s.partition, s.points.at(-1)?.value])).toEqual([[1, 7]]);
      expect(series.throughput.map((s) => s.topic)).toEqual([topic]);
    });

    it('groups:reset with a plan id refuses with PLAN_CHANGED when the log end moved, writing nothing', async () => {
      const toLatest = { group, spec: { kind: 'to-latest' }, scope: { topics: [{ topic, partitions: [1] }] } };
      const plan = ok<GroupResetResult>(await t.call('groups:reset', toLatest));
      const end = plan.rows[0]!.targetOffset;
      await t.produce(topic, 1, 1);
      const refused = err(await t.call('groups:reset', { ...toLatest, execute: true, planId: plan.planId }));
      expect(refused.name).toBe('PLAN_CHANGED');
      const rows = (refused as unknown as { rows: Array<{ previewed: { targetOffset: number }; now: { targetOffset: number } }> }).rows;
      expect(rows.map((r) => [r.previewed.targetOffset, r.now.targetOffset])).toEqual([[end, end + 1]]);
      const detail = ok<GroupDetail>(await t.call('groups:describe', { group }));
      expect(detail.partitions.map((p) => [p.partition, p.committedOffset])).toEqual([[1, 2]]);
    });

    it('groups:reset from-group copies another group’s committed offsets', async () => {
      const copy = `${group}-copy`;
      const plan = ok<GroupResetResult>(await t.call('groups:reset', { group: copy, spec: { kind: 'from-group', group }, scope: { allTopics: true } }));
      expect(plan.rows.map((r) => [r.topic, r.partition, r.currentOffset, r.targetOffset])).toEqual([[topic, 1, null, 2]]);
      expect(err(await t.call('groups:reset', { group: copy, spec: { kind: 'from-group', group: 'no-such-group' }, scope: { allTopics: true } })).name).toBe('INVALID_REQUEST');
    });

    it('history:series draws the group’s lag, the topic’s throughput and the broker lanes over a window', async () => {
      const h = ok<HistorySeriesResponse>(await t.call('history:series', { window: '5m', group }));
      expect(h).toMatchObject({ window: '5m', resolution: 'tick', markers: [] });
      expect(h.to - h.from).toBe(300_000);
      const lag = h.series.find((x) => x.kind === 'group-lag' && x.group === group && x.topic === topic)!;
      expect(lag.points.at(-1)!.value).toBeGreaterThanOrEqual(3);
      expect(h.series.some((x) => x.kind === 'partition-lag' && x.partition === 1)).toBe(true);
      expect(h.series.some((x) => x.kind === 'produce-records' && x.topic === topic)).toBe(true);
      expect(h.series.some((x) => x.kind === 'isr-size' && x.topic === topic)).toBe(true);
      expect(h.series.find((x) => x.kind === 'under-replicated')!.points.at(-1)!.value).toBe(0);
      expect(h.series.some((x) => x.kind === 'partition-isr')).toBe(false);
      const perPartition = ok<HistorySeriesResponse>(await t.call('history:series', { window: '5m', topic, kinds: ['partition-isr', 'partition-replicas'] }));
      expect(perPartition.series.find((x) => x.kind === 'partition-isr' && x.topic === topic && x.partition === 1)!.points.at(-1)!.value).toBe(1);
      expect(perPartition.series.find((x) => x.kind === 'partition-replicas' && x.topic === topic && x.partition === 1)!.points.at(-1)!.value).toBe(1);
      const day = ok<HistorySeriesResponse>(await t.call('history:series', { window: '24h', kinds: ['group-lag'] }));
      expect(day.series.every((x) => x.kind === 'group-lag')).toBe(true);
    });

    it('an active group: NON_EMPTY_GROUP carries its state and members, and its offsets cannot be deleted', async () => {
      const member = await t.startGroupMember(group, topic);
      try {
        const refused = err(await t.call('groups:reset', { group, spec: { kind: 'to-earliest' }, scope: { allTopics: true }, execute: true }));
        expect(refused.name).toBe('NON_EMPTY_GROUP');
        if (!isNonEmptyGroupError(refused)) throw new Error(`NON_EMPTY_GROUP without the group: ${JSON.stringify(refused)}`);
        expect(refused.group.state).toBe('Stable');
        expect(refused.group.members.map((m) => [m.clientId, m.assignment.length])).toEqual([[member.clientId, 3]]);
        expect(err(await t.call('groups:delete', { group })).name).toBe('NON_EMPTY_GROUP');
        expect(err(await t.call('groups:delete-offsets', { group, topic })).name).toBe('GROUP_SUBSCRIBED_TO_TOPIC');
      } finally {
        await member.stop();
      }
      // The member leaves with LeaveGroup, or, if it was killed first on a loaded machine, when its
      // session times out (6 s): until then the group still lists it and its assignment.
      const deadline = Date.now() + 15_000;
      let after = ok<GroupDetail>(await t.call('groups:describe', { group }));
      while (after.state !== 'Empty' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        after = ok<GroupDetail>(await t.call('groups:describe', { group }));
      }
      expect(after.state).toBe('Empty');
      // Nothing was reset: the member did not commit either.
      expect(after.partitions.map((p) => [p.partition, p.committedOffset])).toEqual([[1, 2]]);
    });

    it('groups:delete-offsets and groups:delete; then the group is GROUP_ID_NOT_FOUND', async () => {
      expect(ok(await t.call('groups:delete-offsets', { group, topic }))).toEqual({ groupId: group, topic, partitions: [0, 1, 2] });
      expect(ok<GroupDetail>(await t.call('groups:describe', { group })).partitions).toEqual([]);
      expect(ok(await t.call('groups:delete', { group }))).toEqual({ groupId: group });
      expect(err(await t.call('groups:describe', { group })).name).toBe('GROUP_ID_NOT_FOUND');
      expect(err(await t.call('groups:delete', { group })).name).toBe('GROUP_ID_NOT_FOUND');
    });

    messagesConformanceCases(() => t, binding);
    transferConformanceCases(() => t, binding);
    searchConformanceCases(() => t, binding);
  });
}
