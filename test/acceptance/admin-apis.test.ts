// The admin APIs of one broker process: kafkajs (an independent client) for what it can send, and
// the project's BrokerConnection for the versions and fields kafkajs does not reach (error messages,
// IncrementalAlterConfigs, DescribeLogDirs, ElectLeaders, DescribeCluster). kcat checks that a
// fetch below the log start offset is refused.
import { join, resolve } from 'node:path';
import { ConfigResourceTypes, type Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrokerConnection } from '../../src/engine/client/broker-connection';
import { ApiKey } from '../../src/engine/protocol/api-keys';
import { ErrorCode } from '../../src/engine/protocol/errors';
import { startCluster, type ClusterProcess } from '../fixtures/processes';
import { createKafka, createTopic, topicOffsets, withAdmin } from '../drivers/kafkajs';
import { kcatConsume } from '../drivers/kcat';
import { runKcat } from '../drivers/kcat-run';

const TOPIC = 2;
const BROKER = 4;
const BROKER_LOGGER = 8;

let cluster: ClusterProcess;
let conn: BrokerConnection;

beforeAll(async () => {
  cluster = await startCluster({ brokers: 1 });
  const [{ host, port }] = cluster.brokers;
  conn = await BrokerConnection.connect({ host, port, clientId: 'admin-apis-test' });
});

afterAll(async () => {
  conn?.close();
  await cluster?.stop();
});

const admin = <T>(work: (admin: Admin) => Promise<T>) => withAdmin(cluster.bootstrap, work);

async function produce(topic: string, count: number, partition = 0): Promise<void> {
  const producer = createKafka(cluster.bootstrap).producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages: Array.from({ length: count }, (_, i) => ({ partition, value: `v${i}` })) });
  } finally {
    await producer.disconnect();
  }
}

describe('admin APIs of one broker', () => {
  it('advertises every admin API at the versions Kafka 3.9 accepts', () => {
    const ranges = Object.fromEntries(
      [21, 32, 33, 35, 37, 43, 44, 60].map((key) => {
        const r = conn.apiVersions.get(key);
        return [key, r ? `${r.min}-${r.max}` : 'missing'];
      }),
    );
    expect(ranges).toEqual({ 21: '0-2', 32: '0-4', 33: '0-2', 35: '0-4', 37: '0-3', 43: '0-2', 44: '0-1', 60: '0-1' });
  });

  it('adds partitions and refuses a decrease with INVALID_PARTITIONS', async () => {
    expect(await createTopic(cluster.bootstrap, 'grow', { partitions: 1 })).toBe(true);
    await admin(async (a) => {
      await a.createPartitions({ topicPartitions: [{ topic: 'grow', count: 3 }] });
      const meta = await a.fetchTopicMetadata({ topics: ['grow'] });
      expect(meta.topics[0].partitions.map((p) => [p.partitionId, p.leader]).sort()).toEqual([
        [0, 1],
        [1, 1],
        [2, 1],
      ]);
      await expect(a.createPartitions({ topicPartitions: [{ topic: 'grow', count: 2 }] })).rejects.toMatchObject({ type: 'INVALID_PARTITIONS' });
    });
    await produce('grow', 3, 2);
    expect(await kcatConsume(cluster.bootstrap, 'grow', { partition: 2 })).toHaveLength(3);

    for (const version of [0, 1, 2, 3]) {
      const res = await conn.send(ApiKey.CreatePartitions, version, {
        topics: [
          { name: 'grow', count: 1, assignments: null },
          { name: 'no-such-topic', count: 4, assignments: null },
        ],
        timeoutMs: 5000,
        validateOnly: false,
      });
      expect(res.results.map((r) => [r.name, r.errorCode])).toEqual([
        ['grow', ErrorCode.INVALID_PARTITIONS],
        ['no-such-topic', ErrorCode.UNKNOWN_TOPIC_OR_PARTITION],
      ]);
      expect(res.results[0].errorMessage).toBe('The topic grow currently has 3 partition(s); 1 would not be an increase.');
    }
    const validated = await conn.send(ApiKey.CreatePartitions, 3, { topics: [{ name: 'grow', count: 6, assignments: null }], timeoutMs: 5000, validateOnly: true });
    expect(validated.results[0].errorCode).toBe(0);
    const same = await conn.send(ApiKey.CreatePartitions, 3, { topics: [{ name: 'grow', count: 3, assignments: null }], timeoutMs: 5000, validateOnly: false });
    expect(same.results[0]).toMatchObject({ errorCode: ErrorCode.INVALID_PARTITIONS, errorMessage: 'Topic already has 3 partition(s).' });
    const meta = await admin((a) => a.fetchTopicMetadata({ topics: ['grow'] }));
    expect(meta.topics[0].partitions).toHaveLength(3);
  });

  it('describes the configs of a topic and of the broker, with sources, synonyms and types', async () => {
    expect(await createTopic(cluster.bootstrap, 'described', { configs: { 'retention.ms': '3600000' } })).toBe(true);
    const described = await admin((a) =>
      a.describeConfigs({
        includeSynonyms: true,
        resources: [
          { type: ConfigResourceTypes.TOPIC, name: 'described', configNames: ['retention.ms', 'segment.bytes'] },
          { type: ConfigResourceTypes.BROKER, name: '1' },
        ],
      }),
    );
    const [topic, broker] = described.resources;
    expect(topic.errorCode).toBe(0);
    const byName = new Map(topic.configEntries.map((e) => [e.configName, e]));
    expect([...byName.keys()].sort()).toEqual(['retention.ms', 'segment.bytes']);
    expect(byName.get('retention.ms')).toMatchObject({ configValue: '3600000', isDefault: false, configSource: 1 });
    expect(byName.get('segment.bytes')).toMatchObject({ configValue: '1073741824', isDefault: true, configSource: 5 });
    expect(byName.get('retention.ms')?.configSynonyms?.[0]).toMatchObject({ configName: 'retention.ms', configValue: '3600000', configSource: 1 });
    expect(broker.errorCode).toBe(0);
    const brokerByName = new Map(broker.configEntries.map((e) => [e.configName, e]));
    expect(brokerByName.get('log.retention.hours')).toMatchObject({ configValue: '168', readOnly: true });
    expect(brokerByName.get('log.segment.bytes')).toMatchObject({ configValue: '1073741824', readOnly: false });

    for (const version of [0, 1, 2, 3, 4]) {
      const res = await conn.send(ApiKey.DescribeConfigs, version, {
        resources: [
          { resourceType: TOPIC, resourceName: 'described', configurationKeys: ['retention.ms'] },
          { resourceType: TOPIC, resourceName: 'missing-topic', configurationKeys: null },
          { resourceType: BROKER, resourceName: '2', configurationKeys: null },
          { resourceType: BROKER, resourceName: '', configurationKeys: null },
          { resourceType: BROKER_LOGGER, resourceName: '1', configurationKeys: null },
          { resourceType: BROKER_LOGGER, resourceName: '', configurationKeys: null },
          { resourceType: 3, resourceName: 'x', configurationKeys: null },
        ],
        includeSynonyms: true,
        includeDocumentation: true,
      });
      const [own, missing, other, clusterWide, logger, noLoggerId, unknownType] = res.results;
      const entry = own.configs[0];
      expect(entry).toMatchObject({ name: 'retention.ms', value: '3600000', readOnly: false, isSensitive: false });
      if (version === 0) expect(entry.isDefault).toBe(false);
      if (version >= 1) expect(entry.configSource).toBe(1);
      // The topic's own value only: Kafka lists broker synonyms of retention.ms from a set log.retention.ms on.
      if (version >= 1) expect(entry.synonyms.map((s) => s.source)).toEqual([1]);
      if (version >= 3) expect(entry.configType).toBe(5); // LONG
      if (version >= 3) expect(entry.documentation).toEqual(expect.any(String));
      expect(missing.errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
      expect(other).toMatchObject({ errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'Unexpected broker id, expected 1 or empty string, but received 2' });
      // Nothing is set cluster-wide, and the engine has no log4j loggers.
      expect(clusterWide).toMatchObject({ errorCode: 0, configs: [] });
      expect(logger).toMatchObject({ errorCode: 0, configs: [] });
      expect(noLoggerId).toMatchObject({ errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'Broker id must not be empty' });
      expect(unknownType).toMatchObject({ errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'Unsupported resource type: UNKNOWN' });
    }
  });

  it('alters configs; a bad value is INVALID_CONFIG (INVALID_REQUEST on a broker) naming the config', async () => {
    expect(await createTopic(cluster.bootstrap, 'altered')).toBe(true);
    const describe = async (name: string) => {
      const res = await conn.send(ApiKey.DescribeConfigs, 4, {
        resources: [{ resourceType: TOPIC, resourceName: 'altered', configurationKeys: [name] }],
        includeSynonyms: false,
        includeDocumentation: false,
      });
      return res.results[0].configs[0];
    };
    await admin((a) =>
      a.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: 'altered', configEntries: [{ name: 'retention.ms', value: '7200000' }] }] }),
    );
    expect(await describe('retention.ms')).toMatchObject({ value: '7200000', configSource: 1 });
    await expect(
      admin((a) =>
        a.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: 'altered', configEntries: [{ name: 'retention.ms', value: 'soon' }] }] }),
      ),
    ).rejects.toMatchObject({ type: 'INVALID_CONFIG' });
    expect(await describe('retention.ms')).toMatchObject({ value: '7200000' });

    const refused = await conn.send(ApiKey.AlterConfigs, 2, {
      resources: [
        { resourceType: TOPIC, resourceName: 'altered', configs: [{ name: 'retention.ms', value: 'soon' }] },
        { resourceType: BROKER, resourceName: '1', configs: [{ name: 'log.retention.bytes', value: 'lots' }] },
        { resourceType: BROKER, resourceName: '7', configs: [{ name: 'log.retention.bytes', value: '1' }] },
        { resourceType: BROKER_LOGGER, resourceName: '1', configs: [{ name: 'root', value: 'DEBUG' }] },
      ],
      validateOnly: false,
    });
    const [badTopic, badBroker, otherBroker, logger] = refused.responses;
    expect(badTopic.errorCode).toBe(ErrorCode.INVALID_CONFIG);
    expect(badTopic.errorMessage).toContain('retention.ms');
    // A BROKER change that fails validation is INVALID_REQUEST in Kafka (ConfigAdminManager, KAFKA-13609).
    expect(badBroker.errorCode).toBe(ErrorCode.INVALID_REQUEST);
    expect(badBroker.errorMessage).toContain('log.retention.bytes');
    expect(otherBroker).toMatchObject({ errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'Unexpected broker id, expected 1, but received 7' });
    expect(logger).toMatchObject({ errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'Unknown resource type 8' });

    // Legacy AlterConfigs replaces the whole set: retention.ms goes back to its default.
    const replaced = await conn.send(ApiKey.AlterConfigs, 1, {
      resources: [{ resourceType: TOPIC, resourceName: 'altered', configs: [{ name: 'max.message.bytes', value: '2000000' }] }],
      validateOnly: false,
    });
    expect(replaced.responses[0].errorCode).toBe(0);
    expect(await describe('retention.ms')).toMatchObject({ value: '604800000', configSource: 5 });
    expect(await describe('max.message.bytes')).toMatchObject({ value: '2000000', configSource: 1 });
  });

  it('alters configs incrementally: SET, DELETE, APPEND, SUBTRACT, with Kafka\'s checks', async () => {
    expect(await createTopic(cluster.bootstrap, 'incremental')).toBe(true);
    const topicConfig = async (name: string) => {
      const res = await conn.send(ApiKey.DescribeConfigs, 4, {
        resources: [{ resourceType: TOPIC, resourceName: 'incremental', configurationKeys: [name] }],
        includeSynonyms: false,
        includeDocumentation: false,
      });
      return res.results[0].configs[0]?.value;
    };
    for (const version of [0, 1]) {
      const set = await conn.send(ApiKey.IncrementalAlterConfigs, version, {
        resources: [
          {
            resourceType: TOPIC,
            resourceName: 'incremental',
            configs: [
              { name: 'retention.ms', configOperation: 0, value: String(1000 + version) },
              { name: 'cleanup.policy', configOperation: 2, value: 'compact' },
            ],
          },
        ],
        validateOnly: false,
      });
      expect(set.responses[0]).toMatchObject({ errorCode: 0, resourceName: 'incremental', resourceType: TOPIC });
      expect(await topicConfig('retention.ms')).toBe(String(1000 + version));
      expect(await topicConfig('cleanup.policy')).toBe('delete,compact');
      const undo = await conn.send(ApiKey.IncrementalAlterConfigs, version, {
        resources: [
          {
            resourceType: TOPIC,
            resourceName: 'incremental',
            configs: [
              { name: 'retention.ms', configOperation: 1, value: null },
              { name: 'cleanup.policy', configOperation: 3, value: 'compact' },
            ],
          },
        ],
        validateOnly: false,
      });
      expect(undo.responses[0].errorCode).toBe(0);
      expect(await topicConfig('retention.ms')).toBe('604800000');
      expect(await topicConfig('cleanup.policy')).toBe('delete');
    }

    const refused = await conn.send(ApiKey.IncrementalAlterConfigs, 1, {
      resources: [
        { resourceType: TOPIC, resourceName: 'incremental', configs: [{ name: 'segment.bytes', configOperation: 0, value: '1' }] },
        { resourceType: TOPIC, resourceName: 'incremental', configs: [{ name: 'retention.ms', configOperation: 0, value: '5' }] },
        { resourceType: TOPIC, resourceName: 'other', configs: [{ name: 'no.such.config', configOperation: 0, value: '1' }] },
        { resourceType: BROKER, resourceName: '', configs: [{ name: 'log.retention.ms', configOperation: 0, value: 'x' }] },
        { resourceType: BROKER, resourceName: '1', configs: [{ name: 'num.partitions', configOperation: 0, value: '3' }] },
        { resourceType: BROKER_LOGGER, resourceName: '1', configs: [{ name: 'kafka.server', configOperation: 0, value: 'DEBUG' }] },
        { resourceType: TOPIC, resourceName: 'altered', configs: [{ name: 'retention.ms', configOperation: 0, value: null }] },
      ],
      validateOnly: false,
    });
    const [dup1, dup2, unknownTopic, badDefault, readOnly, logger, nullValue] = refused.responses;
    for (const dup of [dup1, dup2]) expect(dup).toMatchObject({ errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'Each resource must appear at most once.' });
    expect(unknownTopic.errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    expect(badDefault, JSON.stringify(refused.responses)).toMatchObject({ errorCode: ErrorCode.INVALID_REQUEST });
    expect(badDefault.errorMessage).toContain('log.retention.ms');
    expect(readOnly.errorCode).toBe(ErrorCode.INVALID_REQUEST);
    expect(readOnly.errorMessage).toContain('num.partitions');
    expect(logger).toMatchObject({ errorCode: ErrorCode.INVALID_CONFIG, errorMessage: 'Logger kafka.server does not exist!' });
    expect(nullValue).toMatchObject({ errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'Null value not supported for : retention.ms' });

    const noLoggers = await conn.send(ApiKey.IncrementalAlterConfigs, 0, {
      resources: [
        { resourceType: BROKER_LOGGER, resourceName: '1', configs: [] },
        { resourceType: BROKER_LOGGER, resourceName: '2', configs: [] },
        { resourceType: BROKER_LOGGER, resourceName: '1', configs: [{ name: 'root', configOperation: 2, value: 'INFO' }] },
      ],
      validateOnly: false,
    });
    expect(noLoggers.responses.map((r) => [r.errorCode, r.errorMessage])).toEqual([
      [ErrorCode.INVALID_REQUEST, 'Each resource must appear at most once.'],
      [ErrorCode.INVALID_REQUEST, 'Unexpected broker id, expected 1, but received 2'],
      [ErrorCode.INVALID_REQUEST, 'Each resource must appear at most once.'],
    ]);
    const appendLogger = await conn.send(ApiKey.IncrementalAlterConfigs, 1, {
      resources: [{ resourceType: BROKER_LOGGER, resourceName: '1', configs: [{ name: 'root', configOperation: 2, value: 'INFO' }] }],
      validateOnly: false,
    });
    expect(appendLogger.responses[0]).toMatchObject({ errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'APPEND operation is not allowed for the BROKER_LOGGER resource' });

    const bad = await conn.send(ApiKey.IncrementalAlterConfigs, 0, {
      resources: [{ resourceType: TOPIC, resourceName: 'incremental', configs: [{ name: 'segment.bytes', configOperation: 0, value: '1' }] }],
      validateOnly: true,
    });
    expect(bad.responses[0].errorCode).toBe(ErrorCode.INVALID_CONFIG);
    expect(bad.responses[0].errorMessage).toContain('segment.bytes');
    expect(await topicConfig('segment.bytes')).toBe('1073741824');
  });

  it('deletes records: the log start moves and a fetch below it is OFFSET_OUT_OF_RANGE', async () => {
    expect(await createTopic(cluster.bootstrap, 'trim', { partitions: 2 })).toBe(true);
    await produce('trim', 10, 0);
    await produce('trim', 5, 1);
    await admin(async (a) => {
      // kafkajs looks the leaders up in metadata it must have loaded first.
      await a.fetchTopicMetadata({ topics: ['trim'] });
      await a.deleteTopicRecords({ topic: 'trim', partitions: [{ partition: 0, offset: '4' }] });
    });
    expect(await topicOffsets(cluster.bootstrap, 'trim')).toEqual([
      { partition: 0, low: 4, high: 10 },
      { partition: 1, low: 0, high: 5 },
    ]);
    const rest = await kcatConsume(cluster.bootstrap, 'trim', { partition: 0 });
    expect(rest.map((r) => r.offset)).toEqual([4, 5, 6, 7, 8, 9]);
    // Fetching offset 0 is refused; librdkafka reports it when it may not reset on its own.
    const below = await runKcat(['-C', '-b', cluster.bootstrap, '-t', 'trim', '-p', '0', '-o', '0', '-e', '-X', 'auto.offset.reset=error'], { timeoutMs: 30_000 });
    expect(below.stderr).toMatch(/offset out of range/i);

    const res = await conn.send(ApiKey.DeleteRecords, 2, {
      topics: [
        { name: 'trim', partitions: [
          { partitionIndex: 0, offset: 11n },
          { partitionIndex: 1, offset: -1n },
          { partitionIndex: 7, offset: 0n },
        ] },
        { name: 'gone', partitions: [{ partitionIndex: 0, offset: 1n }] },
      ],
      timeoutMs: 5000,
    });
    expect(res.topics.map((t) => [t.name, t.partitions.map((p) => [p.partitionIndex, p.errorCode, p.lowWatermark])])).toEqual([
      ['trim', [
        [0, ErrorCode.OFFSET_OUT_OF_RANGE, -1n],
        [1, 0, 5n],
        [7, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, -1n],
      ]],
      ['gone', [[0, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, -1n]]],
    ]);
    // An offset below the log start changes nothing and answers the current low watermark.
    const again = await conn.send(ApiKey.DeleteRecords, 0, { topics: [{ name: 'trim', partitions: [{ partitionIndex: 0, offset: 2n }] }], timeoutMs: 5000 });
    expect(again.topics[0].partitions[0]).toMatchObject({ errorCode: 0, lowWatermark: 4n });

    expect(await createTopic(cluster.bootstrap, 'compacted', { configs: { 'cleanup.policy': 'compact' } })).toBe(true);
    const compacted = await conn.send(ApiKey.DeleteRecords, 1, { topics: [{ name: 'compacted', partitions: [{ partitionIndex: 0, offset: -1n }] }], timeoutMs: 5000 });
    expect(compacted.topics[0].partitions[0]).toMatchObject({ errorCode: ErrorCode.POLICY_VIOLATION, lowWatermark: -1n });
  });

  it('describes the cluster and the log folder', async () => {
    const viaMetadata = await admin((a) => a.describeCluster());
    expect(viaMetadata.brokers.map((b) => b.nodeId)).toEqual([1]);
    for (const version of [0, 1]) {
      const res = await conn.send(ApiKey.DescribeCluster, version, { includeClusterAuthorizedOperations: version === 1, endpointType: 1 });
      expect(res).toMatchObject({ errorCode: 0, clusterId: viaMetadata.clusterId, controllerId: 1 });
      expect(res.brokers).toEqual([{ brokerId: 1, host: cluster.brokers[0].host, port: cluster.brokers[0].port, rack: null }]);
      if (version === 1) {
        expect(res.endpointType).toBe(1);
        expect(res.clusterAuthorizedOperations & (1 << 8)).not.toBe(0); // DESCRIBE
      }
    }
    const controllers = await conn.send(ApiKey.DescribeCluster, 1, { includeClusterAuthorizedOperations: false, endpointType: 2 });
    expect(controllers).toMatchObject({ errorCode: ErrorCode.MISMATCHED_ENDPOINT_TYPE, brokers: [] });

    expect(await createTopic(cluster.bootstrap, 'sized', { partitions: 2 })).toBe(true);
    await produce('sized', 20, 1);
    const logDir = resolve(join(cluster.dataDir, 'broker-1'));
    for (const version of [0, 1, 2, 3, 4]) {
      const all = await conn.send(ApiKey.DescribeLogDirs, version, { topics: null });
      expect(all.results).toHaveLength(1);
      const [dir] = all.results;
      expect(dir).toMatchObject({ errorCode: 0, logDir });
      const sized = dir.topics.find((t) => t.name === 'sized');
      expect(sized?.partitions.map((p) => [p.partitionIndex, p.partitionSize > 0n, p.offsetLag, p.isFutureKey])).toEqual([
        [0, false, 0n, false],
        [1, true, 0n, false],
      ]);
      if (version >= 4) {
        expect(dir.totalBytes).toBeGreaterThan(0n);
        expect(dir.usableBytes).toBeGreaterThan(0n);
        expect(dir.usableBytes).toBeLessThanOrEqual(dir.totalBytes);
      }
    }
    const some = await conn.send(ApiKey.DescribeLogDirs, 4, { topics: [{ topic: 'sized', partitions: [1] }] });
    const listed = some.results[0].topics.flatMap((t) => t.partitions.map((p) => `${t.name}-${p.partitionIndex}`));
    expect(listed).toEqual(['sized-1']);
  });

  it('answers ElectLeaders: no election is needed with one broker', async () => {
    expect(await createTopic(cluster.bootstrap, 'elected', { partitions: 2 })).toBe(true);
    for (const version of [0, 1, 2]) {
      for (const electionType of version === 0 ? [0] : [0, 1]) {
        const res = await conn.send(ApiKey.ElectLeaders, version, {
          electionType,
          topicPartitions: [
            { topic: 'elected', partitions: [0, 1, 5] },
            { topic: 'nowhere', partitions: [0] },
          ],
          timeoutMs: 5000,
        });
        if (version >= 1) expect(res.errorCode).toBe(0);
        expect(res.replicaElectionResults.map((t) => [t.topic, t.partitionResult.map((p) => [p.partitionId, p.errorCode, p.errorMessage])])).toEqual([
          ['elected', [
            [0, ErrorCode.ELECTION_NOT_NEEDED, 'Leader election not needed for topic partition.'],
            [1, ErrorCode.ELECTION_NOT_NEEDED, 'Leader election not needed for topic partition.'],
            [5, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, 'No such partition as elected-5'],
          ]],
          ['nowhere', [[0, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, 'No such topic as nowhere']]],
        ]);
      }
    }
    // Every partition: the ones that need no election are left out.
    const all = await conn.send(ApiKey.ElectLeaders, 2, { electionType: 0, topicPartitions: null, timeoutMs: 5000 });
    expect(all.errorCode).toBe(0);
    expect(all.replicaElectionResults.find((t) => t.topic === 'elected')).toEqual({ topic: 'elected', partitionResult: [] });
    const bad = await conn.send(ApiKey.ElectLeaders, 2, { electionType: 7, topicPartitions: [{ topic: 'elected', partitions: [0] }], timeoutMs: 5000 });
    expect(bad.errorCode).toBe(ErrorCode.INVALID_REQUEST);
    expect(bad.replicaElectionResults[0].partitionResult[0]).toMatchObject({ errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'Unknown election type 7' });
  });
});
