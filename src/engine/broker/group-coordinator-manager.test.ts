import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../clock';
import { Controller } from '../controller/controller';
import { createMemoryLogger } from '../logger';
import type { RequestContext } from '../network/api-handler';
import { ErrorCode } from '../protocol/errors';
import { LogManager } from '../storage/log-manager';
import { logConfigFromProperties } from '../storage/log-config';
import { GroupCoordinatorManager, groupRequestContext, type CoordinatorLookup } from './group-coordinator-manager';
import { MetadataCache } from './metadata-cache';
import { OFFSETS_TOPIC, OffsetsTopic } from './offsets-topic';
import { ReplicaManager } from './replica-manager';
import { partitionFor, type GroupCoordinator } from '../group';

const rc = { apiVersion: 8, clientId: 'test', clientHost: '/127.0.0.1' };
const GROUP = 'orders-readers';

let dir: string;
const cleanups: (() => Promise<void> | void)[] = [];
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'group-manager-'));
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  await fs.rm(dir, { recursive: true, force: true });
});

interface Broker {
  controller: Controller;
  manager: GroupCoordinatorManager;
  replicaManager: ReplicaManager;
  logger: ReturnType<typeof createMemoryLogger>;
  stop(): void;
}

/** A controller with brokers 1..n registered and the offsets topic (3 partitions, replication factor `rf`). */
async function controllerWithOffsetsTopic(brokers: number, rf: number): Promise<Controller> {
  const controller = await Controller.open(path.join(dir, 'controller'));
  cleanups.push(() => controller.close());
  for (let id = 1; id <= brokers; id++) {
    const r = await controller.registerBroker({ brokerId: id, endpoints: [{ name: 'PLAINTEXT', host: '127.0.0.1', port: 9000 + id, securityProtocol: 'PLAINTEXT' }] });
    await controller.brokerHeartbeat({ brokerId: id, brokerEpoch: r.brokerEpoch, wantFence: false });
  }
  const [created] = await controller.createTopics([
    { name: OFFSETS_TOPIC, numPartitions: 3, replicationFactor: rf, configs: [{ name: 'cleanup.policy', value: 'compact' }] },
  ]);
  expect(created?.errorCode).toBe('NONE');
  return controller;
}

/** Broker 1's logs, replica manager and group coordinators, following `controller` in-process. */
function startBroker(controller: Controller, config: Record<string, string> = {}): Broker {
  const logger = createMemoryLogger();
  const logConfigFor = () => logConfigFromProperties({ 'cleanup.policy': 'compact' });
  const logManager = LogManager.open({ dir: path.join(dir, 'broker-1'), nodeId: 1, clusterId: controller.clusterId, logger, configFor: logConfigFor, checkpointIntervalMs: 0 });
  const replicaManager = new ReplicaManager({ nodeId: 1, logManager, logger, clock: systemClock, logConfigFor });
  const metadata = new MetadataCache(controller.image(), 'PLAINTEXT');
  const brokerConfig = (name: string): string | null => config[name] ?? null;
  const offsetsTopic = new OffsetsTopic({
    metadata,
    brokerConfig,
    logger,
    controller: { forward: () => Promise.reject(new Error('the topic exists in these tests')) },
  });
  const manager = new GroupCoordinatorManager({ replicaManager, offsetsTopic, brokerConfig, clock: systemClock, logger });
  const unsubscribe = controller.onChange((delta, image) => {
    metadata.update(image);
    replicaManager.applyDelta(delta, image);
    manager.onMetadataUpdate();
  });
  replicaManager.applyImage(controller.image());
  manager.onMetadataUpdate();
  let stopped = false;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    unsubscribe();
    manager.shutdown();
    replicaManager.shutdown();
    logManager.close();
  };
  cleanups.push(stop);
  return { controller, manager, replicaManager, logger, stop };
}

async function loaded(manager: GroupCoordinatorManager, groupId: string): Promise<GroupCoordinator> {
  for (let i = 0; i < 200; i++) {
    const found = manager.lookup(groupId);
    if ('coordinator' in found) return found.coordinator;
    expect(found.errorCode).toBe(ErrorCode.COORDINATOR_LOAD_IN_PROGRESS);
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`the coordinator of ${groupId} never finished loading`);
}

function commit(coordinator: GroupCoordinator, offsets: [string, number, bigint][]) {
  const topics = new Map<string, { partitionIndex: number; committedOffset: bigint; committedLeaderEpoch: number; commitTimestamp: bigint; committedMetadata: string }[]>();
  for (const [topic, partitionIndex, committedOffset] of offsets) {
    if (!topics.has(topic)) topics.set(topic, []);
    topics.get(topic)!.push({ partitionIndex, committedOffset, committedLeaderEpoch: -1, commitTimestamp: -1n, committedMetadata: 'm' });
  }
  return coordinator.offsetCommit(
    {
      groupId: GROUP,
      generationIdOrMemberEpoch: -1,
      memberId: '',
      groupInstanceId: null,
      retentionTimeMs: -1n,
      topics: [...topics].map(([name, partitions]) => ({ name, partitions })),
    },
    rc,
  );
}

async function fetchOffsets(coordinator: GroupCoordinator): Promise<Map<string, bigint>> {
  const answer = await coordinator.offsetFetch({ groupId: '', topics: null, groups: [{ groupId: GROUP, memberId: null, memberEpoch: -1, topics: null }], requireStable: false }, rc);
  const out = new Map<string, bigint>();
  for (const t of answer.groups?.[0]?.topics ?? []) for (const p of t.partitions ?? []) out.set(`${t.name}-${p.partitionIndex}`, p.committedOffset ?? -1n);
  return out;
}

const errorsOf = (answer: Awaited<ReturnType<GroupCoordinator['offsetCommit']>>): number[] => answer.topics.flatMap((t) => t.partitions.map((p) => p.errorCode));

describe('GroupCoordinatorManager', () => {
  it('loads a coordinator per led partition, stores commits in the partition log, and reloads them after a restart', async () => {
    const controller = await controllerWithOffsetsTopic(1, 1);
    const broker = startBroker(controller);
    expect(broker.manager.coordinatedPartitions()).toEqual([0, 1, 2]);
    // The load runs after the metadata change: until then requests are told to retry.
    expect(broker.manager.lookup(GROUP)).toEqual<CoordinatorLookup>({ errorCode: ErrorCode.COORDINATOR_LOAD_IN_PROGRESS });
    expect(broker.manager.lookup('')).toEqual<CoordinatorLookup>({ errorCode: ErrorCode.INVALID_GROUP_ID });
    const coordinator = await loaded(broker.manager, GROUP);

    const partition = broker.replicaManager.getPartition(OFFSETS_TOPIC, partitionFor(GROUP, 3))!;
    const before = partition.log.logEndOffset;
    expect(errorsOf(await commit(coordinator, [['orders', 0, 10n], ['orders', 1, 20n]]))).toEqual([0, 0]);
    expect(errorsOf(await commit(coordinator, [['orders', 0, 15n]]))).toEqual([0]);
    // One batch per commit, both under the high watermark once acknowledged.
    expect(partition.log.logEndOffset).toBe(before + 3);
    expect(partition.log.highWatermark).toBe(partition.log.logEndOffset);
    broker.stop();

    const again = startBroker(controller);
    const reloaded = await loaded(again.manager, GROUP);
    expect(await fetchOffsets(reloaded)).toEqual(new Map([['orders-0', 15n], ['orders-1', 20n]]));
  });

  it('answers NOT_COORDINATOR once leadership is gone and loads again when it comes back', async () => {
    const controller = await controllerWithOffsetsTopic(1, 1);
    const broker = startBroker(controller);
    await commit(await loaded(broker.manager, GROUP), [['orders', 0, 7n]]);

    await controller.fenceBroker(1);
    expect(broker.manager.lookup(GROUP)).toEqual<CoordinatorLookup>({ errorCode: ErrorCode.NOT_COORDINATOR });
    expect(broker.manager.coordinatedPartitions()).toEqual([]);

    const registration = await controller.registerBroker({ brokerId: 1, endpoints: [{ name: 'PLAINTEXT', host: '127.0.0.1', port: 9001, securityProtocol: 'PLAINTEXT' }] });
    await controller.brokerHeartbeat({ brokerId: 1, brokerEpoch: registration.brokerEpoch, wantFence: false });
    const back = await loaded(broker.manager, GROUP);
    expect(await fetchOffsets(back)).toEqual(new Map([['orders-0', 7n]]));
  });

  it('acknowledges a commit only once the high watermark passes it (acks=all), and times out otherwise', async () => {
    // Broker 2 is registered but never runs: it stays in the ISR, so the high watermark waits for it.
    const controller = await controllerWithOffsetsTopic(2, 2);
    const broker = startBroker(controller, { 'offsets.commit.timeout.ms': '300' });
    const ledHere = [0, 1, 2].filter((p) => broker.replicaManager.getPartition(OFFSETS_TOPIC, p)?.isLeader);
    const groupId = Array.from({ length: 100 }, (_, i) => `g${i}`).find((g) => ledHere.includes(partitionFor(g, 3)))!;
    const coordinator = await (async () => {
      for (let i = 0; i < 200; i++) {
        const found = broker.manager.lookup(groupId);
        if ('coordinator' in found) return found.coordinator;
        await new Promise((r) => setTimeout(r, 5));
      }
      throw new Error('not loaded');
    })();
    const partition = broker.replicaManager.getPartition(OFFSETS_TOPIC, partitionFor(groupId, 3))!;
    expect(partition.isr.length).toBe(2);
    const request = (offset: bigint) =>
      coordinator.offsetCommit(
        { groupId, generationIdOrMemberEpoch: -1, memberId: '', groupInstanceId: null, retentionTimeMs: -1n, topics: [{ name: 't', partitions: [{ partitionIndex: 0, committedOffset: offset, committedLeaderEpoch: -1, commitTimestamp: -1n, committedMetadata: null }] }] },
        rc,
      );

    // Not replicated in time: the client is told to find its coordinator again, nothing is visible.
    const timedOut = await request(5n);
    expect(timedOut.topics[0]!.partitions[0]!.errorCode).toBe(ErrorCode.COORDINATOR_NOT_AVAILABLE);

    let settled = false;
    const pending = request(9n).then((answer) => {
      settled = true;
      return answer;
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(settled).toBe(false);
    // The follower "caught up": the high watermark moves and the waiting commit completes.
    partition.log.maybeIncrementHighWatermark(partition.log.logEndOffset);
    broker.replicaManager.fetchPurgatory.checkAndComplete(partition.key);
    expect((await pending).topics[0]!.partitions[0]!.errorCode).toBe(ErrorCode.NONE);
  });
});

describe('groupRequestContext', () => {
  it('shows the client host as Kafka does', () => {
    const context = (remote: string): RequestContext =>
      ({ header: { apiKey: 11, apiVersion: 5, correlationId: 1, clientId: 'c', headerVersion: 1, bodyOffset: 0 }, connection: { id: '1', remote } }) as RequestContext;
    expect(groupRequestContext(context('127.0.0.1:5555'))).toEqual({ apiVersion: 5, clientId: 'c', clientHost: '/127.0.0.1' });
    expect(groupRequestContext(context('::ffff:10.0.0.2:6000')).clientHost).toBe('/10.0.0.2');
  });
});
