// Answers where a client must see exactly what Kafka 3.9 answers (issue 9 §2): offset commits for
// partitions the cluster does not have, authorized operations without an authorizer, DescribeConfigs
// synonyms, custom broker config names, and old message format versions. kcat and kafkajs read
// few of these fields, so most cases are raw requests (test/drivers/raw-connection.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKey } from '../../src/engine/protocol/api-keys';
import type { RequestInputOf, ResponseOf, SupportedApiKey } from '../../src/engine/protocol/apis';
import { ZERO_UUID } from '../../src/engine/protocol/codec';
import { Admin, KafkaClient } from '../../src/engine/client/index';
import { ErrorCode } from '../../src/engine/protocol/errors';
import { decodeResponse, encodeRequest } from '../../src/engine/protocol/headers';
import { createTopic, withAdmin } from '../drivers/kafkajs';
import { kcatConsume, kcatProduce } from '../drivers/kcat';
import { RawConnection } from '../drivers/raw-connection';
import { startCluster, type ClusterProcess } from '../fixtures/processes';

const TOPIC = 2;
const BROKER = 4;
const SET = 0;
const NOT_REQUESTED = -2147483648;
// Kafka's AclEntry.supportedOperations as Utils.to32BitField bit fields (AclOperation codes:
// READ 3, WRITE 4, CREATE 5, DELETE 6, ALTER 7, DESCRIBE 8, CLUSTER_ACTION 9, DESCRIBE_CONFIGS 10,
// ALTER_CONFIGS 11, IDEMPOTENT_WRITE 12).
const bits = (...ops: number[]) => ops.reduce((b, op) => b | (1 << op), 0);
const TOPIC_OPERATIONS = bits(3, 4, 5, 6, 7, 8, 10, 11);
const GROUP_OPERATIONS = bits(3, 6, 8);
const CLUSTER_OPERATIONS = bits(5, 7, 8, 9, 10, 11, 12);
// DescribeConfigs ConfigSource ids.
const DYNAMIC_TOPIC = 1;
const DYNAMIC_BROKER = 2;
const DYNAMIC_DEFAULT = 3;
const STATIC = 4;
const DEFAULT = 5;

/** One request on its own connection, encoded and decoded by the schema tables. */
async function send<K extends SupportedApiKey>(address: string, apiKey: K, version: number, body: RequestInputOf<K>): Promise<ResponseOf<K>> {
  const conn = await RawConnection.connect(address);
  try {
    conn.write(encodeRequest(apiKey, version, 1, 'broker-answers-test', body));
    const frame = await conn.nextFrame(15_000);
    if (frame === null) throw new Error(`the broker closed the connection on ${apiKey} v${version}`);
    return decodeResponse(apiKey, version, frame).body;
  } finally {
    conn.close();
  }
}

let cluster: ClusterProcess;
const address = () => `${cluster.brokers[0].host}:${cluster.brokers[0].port}`;

beforeAll(async () => {
  cluster = await startCluster({ brokers: 1, extraArgs: ['--config', 'log.retention.hours=24'] });
  expect(await createTopic(cluster.bootstrap, 'two', { partitions: 2 })).toBe(true);
});

afterAll(async () => {
  await cluster?.stop();
});

async function waitForCoordinator(group: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const r = await send(address(), ApiKey.FindCoordinator, 3, { key: group, keyType: 0 });
    if (r.errorCode === ErrorCode.NONE) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no coordinator for ${group}`);
}

const commitBody = (groupId: string, topics: { name: string; partitions: number[] }[]) => ({
  groupId,
  generationIdOrMemberEpoch: -1,
  memberId: '',
  groupInstanceId: null,
  retentionTimeMs: -1n,
  topics: topics.map((t) => ({
    name: t.name,
    partitions: t.partitions.map((p) => ({ partitionIndex: p, committedOffset: 5n, committedLeaderEpoch: -1, commitTimestamp: -1n, committedMetadata: '' })),
  })),
});

const errorsOf = (topics: readonly { name: string; partitions: readonly { partitionIndex: number; errorCode: number }[] }[]) =>
  Object.fromEntries(topics.flatMap((t) => t.partitions.map((p) => [`${t.name}-${p.partitionIndex}`, p.errorCode])));

describe('OffsetCommit for partitions the cluster does not have (KafkaApis.handleOffsetCommitRequest)', () => {
  it.each([2, 8, 9])('v%i answers UNKNOWN_TOPIC_OR_PARTITION for them and stores only the partitions that exist', async (version) => {
    const group = `commit-missing-v${version}`;
    await waitForCoordinator(group);
    const r = await send(address(), ApiKey.OffsetCommit, version, commitBody(group, [
      { name: 'two', partitions: [0, 7] },
      { name: 'no-such-topic', partitions: [0] },
    ]));
    expect(errorsOf(r.topics)).toEqual({
      'two-0': ErrorCode.NONE,
      'two-7': ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
      'no-such-topic-0': ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
    });
    const fetched = await send(address(), ApiKey.OffsetFetch, 7, { groupId: group, topics: null, requireStable: false });
    expect(fetched.errorCode).toBe(ErrorCode.NONE);
    expect(fetched.topics.flatMap((t) => t.partitions.map((p) => [t.name, p.partitionIndex, Number(p.committedOffset)]))).toEqual([['two', 0, 5]]);
  });

  it('refuses them on the admin path (the console\'s offset commit) and stores the others', async () => {
    const client = new KafkaClient({ bootstrap: cluster.bootstrap, clientId: 'broker-answers-admin', requestTimeoutMs: 15_000 });
    try {
      const admin = new Admin(client);
      const group = 'admin-commit-missing';
      await expect(admin.offsetCommit(group, [{ topic: 'two', partition: 1, offset: 4 }, { topic: 'two', partition: 9, offset: 4 }]))
        .rejects.toMatchObject({ name: 'UNKNOWN_TOPIC_OR_PARTITION', code: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION });
      expect((await admin.offsetFetch(group)).map((o) => [o.topic, o.partition, o.offset])).toEqual([['two', 1, 4]]);
    } finally {
      await client.close();
    }
  });

  it('creates no group when no partition of the commit exists', async () => {
    const group = 'commit-only-missing';
    await waitForCoordinator(group);
    const r = await send(address(), ApiKey.OffsetCommit, 8, commitBody(group, [{ name: 'no-such-topic', partitions: [0, 1] }]));
    expect(errorsOf(r.topics)).toEqual({ 'no-such-topic-0': ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, 'no-such-topic-1': ErrorCode.UNKNOWN_TOPIC_OR_PARTITION });
    const listed = await send(address(), ApiKey.ListGroups, 4, { statesFilter: [] });
    expect(listed.groups.map((g) => g.groupId)).not.toContain(group);
  });
});

describe('authorized operations without an authorizer (KafkaApis + AuthHelper.authorizedOperations)', () => {
  it.each([8, 9, 10, 11, 12])('Metadata v%i answers every operation of the cluster (v8-10) and of each topic when asked', async (version) => {
    const asked = await send(address(), ApiKey.Metadata, version, {
      topics: [{ name: 'two', topicId: ZERO_UUID }, { name: 'not-there', topicId: ZERO_UUID }],
      allowAutoTopicCreation: false,
      includeClusterAuthorizedOperations: true,
      includeTopicAuthorizedOperations: true,
    });
    if (version <= 10) expect(asked.clusterAuthorizedOperations).toBe(CLUSTER_OPERATIONS);
    expect(asked.topics.map((t) => [t.name, t.errorCode, t.topicAuthorizedOperations])).toEqual([
      ['two', ErrorCode.NONE, TOPIC_OPERATIONS],
      ['not-there', ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, TOPIC_OPERATIONS],
    ]);
    const notAsked = await send(address(), ApiKey.Metadata, version, {
      topics: [{ name: 'two', topicId: ZERO_UUID }],
      allowAutoTopicCreation: false,
      includeClusterAuthorizedOperations: false,
      includeTopicAuthorizedOperations: false,
    });
    if (version <= 10) expect(notAsked.clusterAuthorizedOperations).toBe(NOT_REQUESTED);
    expect(notAsked.topics[0]!.topicAuthorizedOperations).toBe(NOT_REQUESTED);
  });

  it.each([3, 4, 5])('DescribeGroups v%i answers every group operation when asked', async (version) => {
    const group = 'described-ops';
    await waitForCoordinator(group);
    await send(address(), ApiKey.OffsetCommit, 8, commitBody(group, [{ name: 'two', partitions: [1] }]));
    const asked = await send(address(), ApiKey.DescribeGroups, version, { groups: [group, 'never-seen'], includeAuthorizedOperations: true });
    expect(asked.groups.map((g) => [g.groupId, g.errorCode, g.groupState, g.authorizedOperations])).toEqual([
      [group, ErrorCode.NONE, 'Empty', GROUP_OPERATIONS],
      ['never-seen', ErrorCode.NONE, 'Dead', GROUP_OPERATIONS],
    ]);
    const notAsked = await send(address(), ApiKey.DescribeGroups, version, { groups: [group], includeAuthorizedOperations: false });
    expect(notAsked.groups[0]!.authorizedOperations).toBe(NOT_REQUESTED);
  });
});

type Synonyms = readonly { name: string; value: string | null; source: number }[];
const syn = (s: Synonyms) => s.map((x) => [x.name, x.value, x.source]);

async function describeConfigs(resources: { resourceType: number; resourceName: string; configurationKeys: string[] | null }[]) {
  const r = await send(address(), ApiKey.DescribeConfigs, 4, { resources, includeSynonyms: true, includeDocumentation: false });
  return r.results.map((res) => {
    expect(res.errorCode, res.errorMessage ?? '').toBe(ErrorCode.NONE);
    return new Map(res.configs.map((c) => [c.name, c]));
  });
}

async function incrementalAlter(resourceType: number, resourceName: string, configs: Record<string, string>) {
  const r = await send(address(), ApiKey.IncrementalAlterConfigs, 1, {
    resources: [{ resourceType, resourceName, configs: Object.entries(configs).map(([name, value]) => ({ name, configOperation: SET, value })) }],
    validateOnly: false,
  });
  return r.responses[0]!;
}

describe('DescribeConfigs synonyms (ConfigHelper.configSynonyms, DynamicBrokerConfig.brokerConfigSynonyms)', () => {
  it('lists raw values under broker config names, by source, with DEFAULT_CONFIG only for non-null defaults', async () => {
    expect(await createTopic(cluster.bootstrap, 'synonyms', { configs: { 'segment.ms': '3600000' } })).toBe(true);
    let [topic, broker] = await describeConfigs([
      { resourceType: TOPIC, resourceName: 'synonyms', configurationKeys: ['retention.ms', 'segment.bytes', 'segment.ms', 'min.insync.replicas', 'remote.storage.enable'] },
      { resourceType: BROKER, resourceName: '1', configurationKeys: ['log.retention.hours', 'log.retention.ms', 'log.segment.bytes'] },
    ]);
    // segment.bytes: the broker name and its default, not the topic name with a converted value.
    expect(topic.get('segment.bytes')).toMatchObject({ value: '1073741824', configSource: DEFAULT });
    expect(syn(topic.get('segment.bytes')!.synonyms)).toEqual([['log.segment.bytes', '1073741824', DEFAULT]]);
    // retention.ms takes its value from log.retention.hours=24, but Kafka lists synonyms only from
    // log.retention.ms on (it drops the leading ones that are not the topic's first broker synonym).
    expect(topic.get('retention.ms')).toMatchObject({ value: String(24 * 3_600_000), configSource: DEFAULT, synonyms: [] });
    expect(topic.get('segment.ms')).toMatchObject({ value: '3600000', configSource: DYNAMIC_TOPIC });
    expect(syn(topic.get('segment.ms')!.synonyms)).toEqual([['segment.ms', '3600000', DYNAMIC_TOPIC]]);
    expect(topic.get('remote.storage.enable')).toMatchObject({ value: 'false', configSource: DEFAULT, synonyms: [] });
    expect(syn(broker.get('log.retention.hours')!.synonyms)).toEqual([['log.retention.hours', '24', STATIC], ['log.retention.hours', '168', DEFAULT]]);
    expect(broker.get('log.retention.ms')).toMatchObject({ value: null, configSource: DEFAULT, synonyms: [] });

    expect((await incrementalAlter(BROKER, '', { 'log.retention.ms': '7200000' })).errorCode).toBe(ErrorCode.NONE);
    [topic, broker] = await describeConfigs([
      { resourceType: TOPIC, resourceName: 'synonyms', configurationKeys: ['retention.ms'] },
      { resourceType: BROKER, resourceName: '1', configurationKeys: ['log.retention.ms', 'log.retention.hours'] },
    ]);
    const expected = [['log.retention.ms', '7200000', DYNAMIC_DEFAULT], ['log.retention.hours', '24', STATIC], ['log.retention.hours', '168', DEFAULT]];
    expect(topic.get('retention.ms')).toMatchObject({ value: '7200000', configSource: DYNAMIC_DEFAULT });
    expect(syn(topic.get('retention.ms')!.synonyms)).toEqual(expected);
    expect(broker.get('log.retention.ms')).toMatchObject({ value: '7200000', configSource: DYNAMIC_DEFAULT });
    expect(syn(broker.get('log.retention.ms')!.synonyms)).toEqual(expected);
    expect(syn(broker.get('log.retention.hours')!.synonyms)).toEqual([['log.retention.hours', '24', STATIC], ['log.retention.hours', '168', DEFAULT]]);
    const [clusterWide] = await describeConfigs([{ resourceType: BROKER, resourceName: '', configurationKeys: null }]);
    expect(syn(clusterWide.get('log.retention.ms')!.synonyms)).toEqual([['log.retention.ms', '7200000', DYNAMIC_DEFAULT]]);

    expect((await incrementalAlter(BROKER, '1', { 'log.retention.ms': '3600000' })).errorCode).toBe(ErrorCode.NONE);
    [topic] = await describeConfigs([{ resourceType: TOPIC, resourceName: 'synonyms', configurationKeys: ['retention.ms'] }]);
    expect(topic.get('retention.ms')).toMatchObject({ value: '3600000', configSource: DYNAMIC_BROKER });
    expect(syn(topic.get('retention.ms')!.synonyms)).toEqual([['log.retention.ms', '3600000', DYNAMIC_BROKER], ...expected]);
  });
});

describe('custom broker config names (DynamicConfig.Broker allows custom props)', () => {
  it('keeps unknown names on a BROKER resource, still validates known ones, and keeps them across a restart', async () => {
    await withAdmin(cluster.bootstrap, (admin) =>
      admin.alterConfigs({ validateOnly: false, resources: [{ type: BROKER, name: '1', configEntries: [{ name: 'my.custom.setting', value: 'one' }] }] }),
    );
    expect(await incrementalAlter(BROKER, '', { 'acme.cluster.flag': 'on' })).toMatchObject({ errorCode: ErrorCode.NONE });
    expect(await incrementalAlter(BROKER, '1', { 'acme.broker.flag': 'off' })).toMatchObject({ errorCode: ErrorCode.NONE });
    // Known names are still validated, and a refusal is INVALID_REQUEST (ConfigAdminManager, KAFKA-13609).
    expect(await incrementalAlter(BROKER, '1', { 'message.max.bytes': '-1' })).toMatchObject({
      errorCode: ErrorCode.INVALID_REQUEST,
      errorMessage: 'Invalid value -1 for configuration message.max.bytes: Value must be at least 0',
    });
    expect(await incrementalAlter(BROKER, '', { 'num.partitions': '3' })).toMatchObject({
      errorCode: ErrorCode.INVALID_REQUEST,
      errorMessage: 'Cannot update these configs dynamically: Set(num.partitions)',
    });

    const check = async () => {
      const [perBroker, clusterWide] = await describeConfigs([
        { resourceType: BROKER, resourceName: '1', configurationKeys: null },
        { resourceType: BROKER, resourceName: '', configurationKeys: null },
      ]);
      // Kafka cannot tell a custom name's type, so it describes it as sensitive (KafkaConfig.maybeSensitive).
      const custom = { value: null, isSensitive: true, readOnly: true, configType: 0 };
      expect(perBroker.get('my.custom.setting')).toMatchObject({ ...custom, configSource: DYNAMIC_BROKER });
      expect(perBroker.get('acme.broker.flag')).toMatchObject({ ...custom, configSource: DYNAMIC_BROKER });
      expect(perBroker.get('acme.cluster.flag')).toMatchObject({ ...custom, configSource: DYNAMIC_DEFAULT });
      expect(clusterWide.get('acme.cluster.flag')).toMatchObject({ ...custom, configSource: DYNAMIC_DEFAULT });
      expect(clusterWide.has('acme.broker.flag')).toBe(false);
    };
    await check();
    await cluster.restart();
    await check();
  });
});

describe('message.format.version (MetadataVersion.fromVersionString; ignored since 3.0)', () => {
  it('accepts every version Kafka can parse, on topics and from the broker default', async () => {
    expect(await createTopic(cluster.bootstrap, 'old-format', { configs: { 'message.format.version': '0.10.0.0' } })).toBe(true);
    for (const v of ['0.8.2.1', '0.10.0-IV1', '2.8.1', '3.9-IV0', '1.0']) {
      expect(await incrementalAlter(TOPIC, 'old-format', { 'message.format.version': v }), v).toMatchObject({ errorCode: ErrorCode.NONE });
    }
    expect(await incrementalAlter(TOPIC, 'old-format', { 'message.format.version': '0.7.0' })).toMatchObject({
      errorCode: ErrorCode.INVALID_CONFIG,
      errorMessage: 'Invalid value 0.7.0 for configuration message.format.version: Version 0.7.0 is not a valid version',
    });

    const old = await startCluster({ brokers: 1, extraArgs: ['--config', 'log.message.format.version=0.10.2.1'] });
    try {
      expect(await createTopic(old.bootstrap, 'on-old-default')).toBe(true);
    } finally {
      await old.stop();
    }
  });
});

describe('min.insync.replicas binds acks=all only (Partition.appendRecordsToLeader)', () => {
  it('accepts acks=1 and refuses acks=all on a partition whose ISR is below min.insync.replicas', async () => {
    // One broker: an ISR of one, below the topic's min.insync.replicas of 2.
    expect(await createTopic(cluster.bootstrap, 'min-isr', { configs: { 'min.insync.replicas': '2' } })).toBe(true);
    const leaderAck = await kcatProduce(cluster.bootstrap, 'min-isr', [{ value: 'acks-1' }], { partition: 0, idempotent: false, acks: 1, config: { 'message.timeout.ms': 10_000 } });
    expect(leaderAck.acknowledged.map((a) => [a.offset, a.value?.toString()])).toEqual([[0, 'acks-1']]);
    const all = await kcatProduce(cluster.bootstrap, 'min-isr', [{ value: 'acks-all' }], { partition: 0, idempotent: false, acks: -1, config: { 'message.timeout.ms': 3_000 } });
    expect(all.acknowledged).toEqual([]);
    expect(all.indeterminate.map((w) => w.error).join('\n')).toMatch(/Not enough in-sync replicas|NOT_ENOUGH_REPLICAS|timed out/i);
    const read = await kcatConsume(cluster.bootstrap, 'min-isr', { timeoutMs: 15_000 });
    expect(read.map((r) => r.value?.toString())).toEqual(['acks-1']);
  }, 60_000);
});
