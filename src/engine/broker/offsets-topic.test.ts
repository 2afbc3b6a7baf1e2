import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Controller } from '../controller/controller';
import { createMemoryLogger } from '../logger';
import type { Forwarder } from '../network/forwarding-handler';
import { ApiKey } from '../protocol/api-keys';
import { ErrorCode } from '../protocol/errors';
import { partitionFor } from '../group';
import { TRANSACTION_STATE_TOPIC, TransactionStateTopic } from './transaction-state-topic';
import { findCoordinator } from './handlers/10-find-coordinator';
import { MetadataCache } from './metadata-cache';
import { OFFSETS_TOPIC, OffsetsTopic, coordinatorConfigFromBroker } from './offsets-topic';

let dir: string;
let controller: Controller;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'offsets-topic-'));
  controller = await Controller.open(dir);
  for (const id of [1, 2]) {
    const r = await controller.registerBroker({ brokerId: id, endpoints: [{ name: 'PLAINTEXT', host: '127.0.0.1', port: 9000 + id, securityProtocol: 'PLAINTEXT' }] });
    await controller.brokerHeartbeat({ brokerId: id, brokerEpoch: r.brokerEpoch, wantFence: false });
  }
});
afterEach(async () => {
  await controller.close();
  await fs.rm(dir, { recursive: true, force: true });
});

/** Forwards CreateTopics to the in-process controller, as the controller's listener would, counting calls. */
function controllerForwarder(calls: string[]): Forwarder {
  return {
    forward: (async (apiKey: number, _version: number, request: { topics: { name: string; numPartitions: number; replicationFactor: number; configs: { name: string; value: string | null }[] }[] }) => {
      expect(apiKey).toBe(ApiKey.CreateTopics);
      calls.push(request.topics.map((t) => t.name).join(','));
      const results = await controller.createTopics(request.topics);
      return { throttleTimeMs: 0, topics: results.map((r) => ({ name: r.name, errorCode: ErrorCode[r.errorCode], errorMessage: r.errorMessage })) };
    }) as unknown as Forwarder['forward'],
  };
}

describe('OffsetsTopic', () => {
  it('maps the broker configs onto the coordinator config', () => {
    const config = coordinatorConfigFromBroker((name) =>
      ({ 'group.min.session.timeout.ms': '1000', 'group.initial.rebalance.delay.ms': '0', 'offsets.retention.minutes': '2' })[name] ?? null,
    );
    expect(config.groupMinSessionTimeoutMs).toBe(1000);
    expect(config.groupInitialRebalanceDelayMs).toBe(0);
    expect(config.offsetsRetentionMs).toBe(120_000);
    expect(config.groupMaxSessionTimeoutMs).toBe(1_800_000);
  });

  it('is created once, compacted, with the replication factor the live brokers allow; FindCoordinator answers once leaders exist', async () => {
    const metadata = new MetadataCache(controller.image(), 'PLAINTEXT');
    controller.onChange((_d, image) => metadata.update(image));
    const calls: string[] = [];
    const topic = new OffsetsTopic({
      metadata,
      controller: controllerForwarder(calls),
      brokerConfig: (name) => ({ 'offsets.topic.num.partitions': '5', 'offsets.topic.replication.factor': '3' })[name] ?? null,
      logger: createMemoryLogger(),
    });
    expect(topic.creationRequest()).toMatchObject({ name: OFFSETS_TOPIC, numPartitions: 5, replicationFactor: 2 });
    expect(topic.creationRequest().configs).toContainEqual({ name: 'cleanup.policy', value: 'compact' });

    const txnTopic = new TransactionStateTopic({
      metadata,
      controller: controllerForwarder(calls),
      brokerConfig: (name) => ({ 'transaction.state.log.num.partitions': '4', 'transaction.state.log.replication.factor': '3', 'transaction.state.log.min.isr': '2' })[name] ?? null,
      logger: createMemoryLogger(),
    });
    const deps = { metadata, offsetsTopic: topic, transactionStateTopic: txnTopic };
    const first = findCoordinator(deps, 0, 'my-group');
    expect(first).toMatchObject({ errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, nodeId: -1 });
    findCoordinator(deps, 0, 'other-group');
    await topic.ensureCreated();
    expect(calls).toEqual([OFFSETS_TOPIC]);

    const image = metadata.topic(OFFSETS_TOPIC)!;
    expect(image.partitions.size).toBe(5);
    expect(controller.image().topicConfigs.get(OFFSETS_TOPIC)?.get('cleanup.policy')).toBe('compact');
    const leader = image.partitions.get(partitionFor('my-group', 5))!.leader;
    expect(findCoordinator(deps, 0, 'my-group')).toEqual({ errorCode: 0, errorMessage: null, nodeId: leader, host: '127.0.0.1', port: 9000 + leader });
    expect(findCoordinator(deps, 7, 'x').errorCode).toBe(ErrorCode.INVALID_REQUEST);

    // Key type 1: the transactional id's __transaction_state partition, created on first need with
    // RF min(3, live brokers) and min ISR min(2, RF).
    expect(txnTopic.creationRequest()).toMatchObject({ name: TRANSACTION_STATE_TOPIC, numPartitions: 4, replicationFactor: 2 });
    expect(txnTopic.creationRequest().configs).toContainEqual({ name: 'min.insync.replicas', value: '2' });
    expect(findCoordinator(deps, 1, 'txn').errorCode).toBe(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    expect(findCoordinator(deps, 1, '').errorCode).toBe(ErrorCode.INVALID_REQUEST);
    await txnTopic.ensureCreated();
    expect(calls).toEqual([OFFSETS_TOPIC, TRANSACTION_STATE_TOPIC]);
    const txnLeader = metadata.topic(TRANSACTION_STATE_TOPIC)!.partitions.get(partitionFor('txn', 4))!.leader;
    expect(findCoordinator(deps, 1, 'txn')).toEqual({ errorCode: 0, errorMessage: null, nodeId: txnLeader, host: '127.0.0.1', port: 9000 + txnLeader });
  });
});
