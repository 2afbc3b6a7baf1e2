import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigException, validateValue } from './config-def';
import { validateTopicOverrides } from './config-resolver';
import { Controller } from './controller';
import { EMPTY_IMAGE } from './metadata-image';
import { TOPIC_CONFIGS_BY_NAME } from './topic-configs';

function topicError(name: string, value: string | null): string | null {
  try {
    validateTopicOverrides(EMPTY_IMAGE, {}, new Map([[name, value]]));
    return null;
  } catch (e) {
    if (e instanceof ConfigException) return e.message;
    throw e;
  }
}

describe('topic config validation, in Kafka words', () => {
  it.each([
    ['retention.ms', 'abc', 'Invalid value abc for configuration retention.ms: Not a number of type LONG'],
    ['retention.ms', '-2', 'Invalid value -2 for configuration retention.ms: Value must be at least -1'],
    ['segment.bytes', '13', 'Invalid value 13 for configuration segment.bytes: Value must be at least 14'],
    ['segment.bytes', '2147483648', 'Invalid value 2147483648 for configuration segment.bytes: Not a number of type INT'],
    ['min.insync.replicas', '0', 'Invalid value 0 for configuration min.insync.replicas: Value must be at least 1'],
    ['cleanup.policy', 'compact,forever', 'Invalid value forever for configuration cleanup.policy: String must be one of: compact, delete'],
    ['compression.type', 'brotli', 'Invalid value brotli for configuration compression.type: String must be one of: uncompressed, zstd, lz4, snappy, gzip, producer'],
    ['message.timestamp.type', 'createtime', 'Invalid value createtime for configuration message.timestamp.type: String must be one of: CreateTime, LogAppendTime'],
    ['unclean.leader.election.enable', 'yes', 'Invalid value yes for configuration unclean.leader.election.enable: Expected value to be either true or false'],
    ['min.cleanable.dirty.ratio', '1.5', 'Invalid value 1.5 for configuration min.cleanable.dirty.ratio: Value must be no more than 1'],
    ['min.cleanable.dirty.ratio', 'x', 'Invalid value x for configuration min.cleanable.dirty.ratio: Not a number of type DOUBLE'],
    ['compression.lz4.level', '18', 'Invalid value 18 for configuration compression.lz4.level: Value must be no more than 17'],
    ['compression.gzip.level', '0', 'Invalid value 0 for configuration compression.gzip.level: Value must be between 1 and 9 or equal to -1'],
    ['retention.bytes', '9223372036854775808', 'Invalid value 9223372036854775808 for configuration retention.bytes: Not a number of type LONG'],
    ['min.compaction.lag.ms', '10', null],
    ['leader.replication.throttled.replicas', 'x', "Invalid value [x] for configuration leader.replication.throttled.replicas: leader.replication.throttled.replicas must be the literal '*' or a list of replicas in the following format: [partitionId]:[brokerId],[partitionId]:[brokerId],..."],
    ['remote.storage.enable', 'true', 'Tiered Storage functionality is disabled in the broker. Topic cannot be configured with remote log storage.'],
    ['no.such', '1', 'Unknown topic config name: no.such'],
    // MetadataVersion.fromVersionString: "0." versions by three parts, others by two.
    ['message.format.version', '0.10.0.0', null],
    ['message.format.version', '0.8.2.1', null],
    ['message.format.version', '0.11.0-IV2', null],
    ['message.format.version', '2.8.1', null],
    ['message.format.version', '3.9-IV0', null],
    ['message.format.version', '0.10.0-IV2', 'Invalid value 0.10.0-IV2 for configuration message.format.version: Version 0.10.0-IV2 is not a valid version'],
    ['message.format.version', '0.7.0', 'Invalid value 0.7.0 for configuration message.format.version: Version 0.7.0 is not a valid version'],
    ['message.format.version', '4.0-IV1', null],
    ['message.format.version', '4.0', 'Invalid value 4.0 for configuration message.format.version: Version 4.0 is not a valid version'],
    ['message.format.version', '3.9.', 'Invalid value 3.9. for configuration message.format.version: Version 3.9. is not a valid version'],
    ['retention.ms', null, 'Null value not supported for topic configs: retention.ms'],
  ])('%s=%s', (name, value, message) => {
    expect(topicError(name, value)).toBe(message);
  });

  it('accepts good values, trimmed as Kafka trims them', () => {
    for (const [name, value] of [
      ['retention.ms', ' 1000 '], ['retention.ms', '-1'], ['cleanup.policy', 'compact, delete'], ['cleanup.policy', ''],
      ['unclean.leader.election.enable', 'TRUE'], ['min.cleanable.dirty.ratio', '0.01'], ['flush.messages', '9223372036854775807'],
      ['leader.replication.throttled.replicas', '0:1,1:2'], ['follower.replication.throttled.replicas', '*'], ['compression.zstd.level', '-5'],
    ]) {
      expect(topicError(name, value)).toBeNull();
    }
  });

  it('checks configs together: min.compaction.lag.ms may not exceed max.compaction.lag.ms', () => {
    expect(() => validateTopicOverrides(EMPTY_IMAGE, {}, new Map([['min.compaction.lag.ms', '10'], ['max.compaction.lag.ms', '5']])))
      .toThrow('conflict topic config setting min.compaction.lag.ms (10) > max.compaction.lag.ms (5)');
  });

  it('parses values to their Kafka types', () => {
    expect(validateValue(TOPIC_CONFIGS_BY_NAME.get('flush.ms')!, '9223372036854775807')).toBe(9223372036854775807n);
    expect(validateValue(TOPIC_CONFIGS_BY_NAME.get('cleanup.policy')!, 'compact , delete')).toEqual(['compact', 'delete']);
    expect(validateValue(TOPIC_CONFIGS_BY_NAME.get('preallocate')!, 'False')).toBe(false);
  });
});

describe('Controller configs: alter, incremental alter, describe', () => {
  let dir: string;
  let c: Controller;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'controller-configs-'));
    c = await Controller.open(dir, { defaults: { brokerConfig: { 'log.retention.hours': '24' } } });
    const r = await c.registerBroker({ brokerId: 1, endpoints: [{ name: 'PLAINTEXT', host: '127.0.0.1', port: 1, securityProtocol: 'PLAINTEXT' }] });
    await c.brokerHeartbeat({ brokerId: 1, brokerEpoch: r.brokerEpoch, wantFence: false });
    await c.createTopics([{ name: 't', numPartitions: 1, replicationFactor: 1, configs: [{ name: 'cleanup.policy', value: 'delete' }] }]);
  });
  afterEach(async () => {
    await c.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  const describeTopic = (names: string[]) => c.describeConfigs([{ resourceType: 'TOPIC', resourceName: 't', configNames: names }], 1)[0];

  it('resolves each topic config through its broker synonyms, listing synonyms as ConfigHelper does', async () => {
    const d = describeTopic(['retention.ms', 'cleanup.policy', 'segment.ms']);
    // The value follows log.retention.hours=24, but Kafka lists synonyms from log.retention.ms on
    // (configSynonyms drops what comes before it), so retention.ms shows none and DEFAULT_CONFIG.
    expect(d.configs.map((x) => [x.name, x.value, x.source, x.isDefault])).toEqual([
      ['cleanup.policy', 'delete', 'DYNAMIC_TOPIC_CONFIG', false],
      ['retention.ms', String(24 * 3_600_000), 'DEFAULT_CONFIG', true],
      ['segment.ms', '604800000', 'DEFAULT_CONFIG', true],
    ]);
    expect(d.configs[1].synonyms).toEqual([]);
    expect(d.configs[0].synonyms.map((s) => [s.name, s.value, s.source])).toEqual([
      ['cleanup.policy', 'delete', 'DYNAMIC_TOPIC_CONFIG'],
      ['log.cleanup.policy', 'delete', 'DEFAULT_CONFIG'],
    ]);

    await c.incrementalAlterConfigs([{ resourceType: 'BROKER', resourceName: '', configs: [{ name: 'log.retention.ms', op: 'SET', value: '5000' }] }]);
    expect(describeTopic(['retention.ms']).configs[0]).toMatchObject({ value: '5000', source: 'DYNAMIC_DEFAULT_BROKER_CONFIG' });
    await c.incrementalAlterConfigs([{ resourceType: 'BROKER', resourceName: '1', configs: [{ name: 'log.retention.ms', op: 'SET', value: '7000' }] }]);
    const retention = describeTopic(['retention.ms']).configs[0];
    expect(retention).toMatchObject({ value: '7000', source: 'DYNAMIC_BROKER_CONFIG' });
    expect(retention.synonyms.map((s) => [s.name, s.value, s.source])).toEqual([
      ['log.retention.ms', '7000', 'DYNAMIC_BROKER_CONFIG'],
      ['log.retention.ms', '5000', 'DYNAMIC_DEFAULT_BROKER_CONFIG'],
      ['log.retention.hours', '24', 'STATIC_BROKER_CONFIG'],
      ['log.retention.hours', '168', 'DEFAULT_CONFIG'],
    ]);
    const broker = c.describeConfigs([{ resourceType: 'BROKER', resourceName: '1', configNames: ['log.retention.ms', 'num.partitions', 'log.roll.ms'] }])[0];
    expect(broker.configs.map((x) => [x.name, x.value, x.source, x.readOnly])).toEqual([
      ['log.retention.ms', '7000', 'DYNAMIC_BROKER_CONFIG', false],
      ['log.roll.ms', null, 'DEFAULT_CONFIG', false],
      ['num.partitions', '1', 'DEFAULT_CONFIG', true],
    ]);
    expect(broker.configs[1].synonyms).toEqual([]);
  });

  it('answers CreateTopics with the first level that sets a synonym as the source (KafkaConfigSchema)', async () => {
    const [r] = await c.createTopics([{ name: 'created', numPartitions: 1, replicationFactor: 1, configs: [{ name: 'segment.ms', value: '1000' }] }]);
    const byName = new Map(r.configs.map((x) => [x.name, [x.value, x.source]]));
    expect(byName.get('retention.ms')).toEqual([String(24 * 3_600_000), 'STATIC_BROKER_CONFIG']);
    expect(byName.get('segment.ms')).toEqual(['1000', 'DYNAMIC_TOPIC_CONFIG']);
    expect(byName.get('segment.bytes')).toEqual(['1073741824', 'DEFAULT_CONFIG']);
  });

  it('keeps custom broker config names and still refuses bad values of known ones', async () => {
    const [custom, bad] = await c.incrementalAlterConfigs([
      { resourceType: 'BROKER', resourceName: '1', configs: [{ name: 'my.plugin.setting', op: 'SET', value: 'x' }] },
      { resourceType: 'BROKER', resourceName: '', configs: [{ name: 'my.other', op: 'SET', value: 'y' }, { name: 'message.max.bytes', op: 'SET', value: 'big' }] },
    ]);
    expect(custom).toMatchObject({ errorCode: 'NONE' });
    expect(bad).toMatchObject({ errorCode: 'INVALID_REQUEST', errorMessage: 'Invalid value big for configuration message.max.bytes: Not a number of type INT' });
    const appends = await c.incrementalAlterConfigs([
      { resourceType: 'BROKER', resourceName: '1', configs: [{ name: 'my.plugin.setting', op: 'APPEND', value: 'z' }] },
      { resourceType: 'BROKER', resourceName: '', configs: [{ name: 'log.retention.ms', op: 'SUBTRACT', value: '1' }] },
    ]);
    expect(appends.map((r) => [r.errorCode, r.errorMessage])).toEqual([
      ['INVALID_CONFIG', 'Unknown config name: my.plugin.setting'],
      ['INVALID_CONFIG', 'Config value subtract is not allowed for config key: log.retention.ms'],
    ]);
    const described = c.describeConfigs([{ resourceType: 'BROKER', resourceName: '1', configNames: ['my.plugin.setting', 'my.other'] }])[0];
    expect(described.configs).toEqual([
      expect.objectContaining({ name: 'my.plugin.setting', value: null, source: 'DYNAMIC_BROKER_CONFIG', sensitive: true, readOnly: true, type: null }),
    ]);
  });

  it('applies SET, DELETE, APPEND and SUBTRACT, and rejects bad changes without writing', async () => {
    const [ok] = await c.incrementalAlterConfigs([{
      resourceType: 'TOPIC', resourceName: 't', configs: [
        { name: 'cleanup.policy', op: 'APPEND', value: 'compact' },
        { name: 'retention.ms', op: 'SET', value: '100' },
      ],
    }]);
    expect(ok.errorCode).toBe('NONE');
    expect(c.image().topicConfigs.get('t')).toEqual(new Map([['cleanup.policy', 'delete,compact'], ['retention.ms', '100']]));
    await c.incrementalAlterConfigs([{
      resourceType: 'TOPIC', resourceName: 't', configs: [
        { name: 'cleanup.policy', op: 'SUBTRACT', value: 'delete' },
        { name: 'retention.ms', op: 'DELETE', value: null },
      ],
    }]);
    expect(c.image().topicConfigs.get('t')).toEqual(new Map([['cleanup.policy', 'compact']]));

    const offset = c.image().offset;
    const bad = await c.incrementalAlterConfigs([
      { resourceType: 'TOPIC', resourceName: 't', configs: [{ name: 'retention.ms', op: 'APPEND', value: '1' }] },
      { resourceType: 'TOPIC', resourceName: 't', configs: [{ name: 'segment.bytes', op: 'SET', value: 'big' }] },
      { resourceType: 'TOPIC', resourceName: 'missing', configs: [{ name: 'retention.ms', op: 'SET', value: '1' }] },
      { resourceType: 'BROKER', resourceName: 'one', configs: [{ name: 'log.retention.ms', op: 'SET', value: '1' }] },
      { resourceType: 'BROKER', resourceName: '', configs: [{ name: 'num.partitions', op: 'SET', value: '3' }] },
      { resourceType: 'BROKER', resourceName: '', configs: [{ name: 'message.max.bytes', op: 'SET', value: '-1' }] },
      { resourceType: 'TOPIC', resourceName: 't', configs: [{ name: 'retention.ms', op: 'SET', value: '1' }, { name: 'retention.ms', op: 'DELETE', value: null }] },
    ]);
    expect(bad.map((r) => [r.errorCode, r.errorMessage])).toEqual([
      ['INVALID_CONFIG', "Can't APPEND to key retention.ms because its type is not LIST."],
      ['INVALID_CONFIG', 'Invalid value big for configuration segment.bytes: Not a number of type INT'],
      ['UNKNOWN_TOPIC_OR_PARTITION', "The topic 'missing' does not exist."],
      ['INVALID_REQUEST', 'Unable to parse broker name as a base 10 number.'],
      // BROKER changes fail as INVALID_REQUEST (ConfigAdminManager.validateBrokerConfigChange, KAFKA-13609).
      ['INVALID_REQUEST', 'Cannot update these configs dynamically: Set(num.partitions)'],
      ['INVALID_REQUEST', 'Invalid value -1 for configuration message.max.bytes: Value must be at least 0'],
      ['INVALID_REQUEST', 'Error due to duplicate config keys'],
    ]);
    expect(c.image().offset).toBe(offset);
  });

  it('legacy AlterConfigs replaces the whole set of overrides', async () => {
    await c.incrementalAlterConfigs([{ resourceType: 'TOPIC', resourceName: 't', configs: [{ name: 'retention.ms', op: 'SET', value: '100' }] }]);
    const [r] = await c.alterConfigs([{ resourceType: 'TOPIC', resourceName: 't', configs: [{ name: 'segment.ms', value: '1000' }] }]);
    expect(r.errorCode).toBe('NONE');
    expect(c.image().topicConfigs.get('t')).toEqual(new Map([['segment.ms', '1000']]));
    const [v] = await c.alterConfigs([{ resourceType: 'TOPIC', resourceName: 't', configs: [] }], { validateOnly: true });
    expect(v.errorCode).toBe('NONE');
    expect(c.image().topicConfigs.get('t')).toEqual(new Map([['segment.ms', '1000']]));
  });
});
