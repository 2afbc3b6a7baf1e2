// One conformance suite for every binding of the ConsoleApi (DESIGN decision 10): the HTTP/
// WebSocket binding of the engine host and the Electron IPC binding run these same cases against
// a real single-broker cluster. A binding passes only if it validates, answers and fails alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleStream, PayloadOf, Unsubscribe } from './console-api';
import type { ApiErrorBody, RpcReply } from './console-errors';
import type { ClusterChangedEvent, ClusterView, ConnectionInfo, CreatedTopicView, TopicDetail, TopicSummary } from './console-types';

export interface ConformanceTarget {
  /** Sends a request through the binding as is (the suite sends malformed ones too). */
  call(channel: string, request: unknown): Promise<RpcReply<unknown>>;
  subscribe<S extends ConsoleStream>(stream: S, listener: (payload: PayloadOf<S>) => void): Unsubscribe;
  /** The embedded cluster behind the binding. */
  embedded: { bootstrap: string; dataDir: string };
  /** Produces `count` records to a partition with the project's client, to move offsets. */
  produce(topic: string, partition: number, count: number): Promise<void>;
  close(): Promise<void>;
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
  });
}
