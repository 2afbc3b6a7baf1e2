import { metadataVersionValidator } from './metadata-version';
import { ConfigException, LONG_MAX, listOf, oneOf, range, type ConfigKey, type ConfigValue, type Validator } from './config-def';

/**
 * Kafka 3.9's topic configs (TopicConfig / LogConfig), their defaults and validators, and the broker
 * configs they fall back to (ServerTopicConfigSynonyms), in priority order. Descriptions are our own.
 */
export interface TopicConfigKey extends ConfigKey {
  /** Broker configs that supply this config's default, first match wins; `scale` converts units to this config's. */
  readonly synonyms: readonly { readonly name: string; readonly scale?: number }[];
}

const HOURS = 3_600_000;
const MINUTES = 60_000;

const gzipLevel: Validator = (name, value) => {
  const n = value as number;
  if (n > 9 || (n < 1 && n !== -1)) throw ConfigException.invalid(name, value, 'Value must be between 1 and 9 or equal to -1');
};

/** ThrottledReplicaListValidator: '*' or partition:broker pairs. */
const throttledReplicas: Validator = (name, value) => {
  const list = (value ?? []) as readonly string[];
  const ok = (list.length === 1 && list[0].trim() === '*') || list.every((s) => /^\s*\d+\s*:\s*\d+\s*$/.test(s));
  if (!ok) {
    throw ConfigException.invalid(
      name,
      value,
      `${name} must be the literal '*' or a list of replicas in the following format: [partitionId]:[brokerId],[partitionId]:[brokerId],...`,
    );
  }
};

const logPrefixed = (name: string) => [{ name: `log.${name}` }];

export const TOPIC_CONFIGS: readonly TopicConfigKey[] = [
  { name: 'cleanup.policy', type: 'LIST', defaultValue: 'delete', validator: listOf('compact', 'delete'), synonyms: logPrefixed('cleanup.policy'), documentation: 'How old segments are cleaned: delete them, compact them to the last value per key, or both.' },
  { name: 'compression.gzip.level', type: 'INT', defaultValue: '-1', validator: gzipLevel, synonyms: [{ name: 'compression.gzip.level' }], documentation: 'Level used when the broker compresses with gzip.' },
  { name: 'compression.lz4.level', type: 'INT', defaultValue: '9', validator: range('INT', 1, 17), synonyms: [{ name: 'compression.lz4.level' }], documentation: 'Level used when the broker compresses with lz4.' },
  { name: 'compression.type', type: 'STRING', defaultValue: 'producer', validator: oneOf('uncompressed', 'zstd', 'lz4', 'snappy', 'gzip', 'producer'), synonyms: [{ name: 'compression.type' }], documentation: 'Codec of stored batches; "producer" keeps what the producer sent.' },
  { name: 'compression.zstd.level', type: 'INT', defaultValue: '3', validator: range('INT', -131072, 22), synonyms: [{ name: 'compression.zstd.level' }], documentation: 'Level used when the broker compresses with zstd.' },
  { name: 'delete.retention.ms', type: 'LONG', defaultValue: '86400000', validator: range('LONG', 0), synonyms: [{ name: 'log.cleaner.delete.retention.ms' }], documentation: 'How long tombstones stay readable in a compacted topic.' },
  { name: 'file.delete.delay.ms', type: 'LONG', defaultValue: '60000', validator: range('LONG', 0), synonyms: [{ name: 'log.segment.delete.delay.ms' }], documentation: 'Wait before a removed segment file is deleted from disk.' },
  { name: 'flush.messages', type: 'LONG', defaultValue: LONG_MAX, validator: range('LONG', 1), synonyms: [{ name: 'log.flush.interval.messages' }], documentation: 'Force an fsync after this many messages.' },
  { name: 'flush.ms', type: 'LONG', defaultValue: LONG_MAX, validator: range('LONG', 0), synonyms: [{ name: 'log.flush.interval.ms' }, { name: 'log.flush.scheduler.interval.ms' }], documentation: 'Force an fsync after this much time.' },
  { name: 'follower.replication.throttled.replicas', type: 'LIST', defaultValue: '', validator: throttledReplicas, synonyms: [], documentation: 'Replicas whose follower-side replication is throttled.' },
  { name: 'index.interval.bytes', type: 'INT', defaultValue: '4096', validator: range('INT', 0), synonyms: logPrefixed('index.interval.bytes'), documentation: 'Bytes between entries of the offset index.' },
  { name: 'leader.replication.throttled.replicas', type: 'LIST', defaultValue: '', validator: throttledReplicas, synonyms: [], documentation: 'Replicas whose leader-side replication is throttled.' },
  { name: 'local.retention.bytes', type: 'LONG', defaultValue: '-2', validator: range('LONG', -2), synonyms: logPrefixed('local.retention.bytes'), documentation: 'Local size limit with tiered storage; -2 means use retention.bytes.' },
  { name: 'local.retention.ms', type: 'LONG', defaultValue: '-2', validator: range('LONG', -2), synonyms: logPrefixed('local.retention.ms'), documentation: 'Local time limit with tiered storage; -2 means use retention.ms.' },
  { name: 'max.compaction.lag.ms', type: 'LONG', defaultValue: LONG_MAX, validator: range('LONG', 1), synonyms: [{ name: 'log.cleaner.max.compaction.lag.ms' }], documentation: 'Longest a message may stay uncompacted.' },
  { name: 'max.message.bytes', type: 'INT', defaultValue: '1048588', validator: range('INT', 0), synonyms: [{ name: 'message.max.bytes' }], documentation: 'Largest record batch the topic accepts.' },
  { name: 'message.downconversion.enable', type: 'BOOLEAN', defaultValue: 'true', synonyms: logPrefixed('message.downconversion.enable'), documentation: 'Whether old consumers get batches converted to their format.' },
  { name: 'message.format.version', type: 'STRING', defaultValue: '3.0-IV1', validator: metadataVersionValidator, synonyms: logPrefixed('message.format.version'), documentation: 'Deprecated; ignored since 3.0.' },
  { name: 'message.timestamp.after.max.ms', type: 'LONG', defaultValue: LONG_MAX, validator: range('LONG', 0), synonyms: logPrefixed('message.timestamp.after.max.ms'), documentation: 'How far in the future a CreateTime timestamp may be.' },
  { name: 'message.timestamp.before.max.ms', type: 'LONG', defaultValue: LONG_MAX, validator: range('LONG', 0), synonyms: logPrefixed('message.timestamp.before.max.ms'), documentation: 'How far in the past a CreateTime timestamp may be.' },
  { name: 'message.timestamp.difference.max.ms', type: 'LONG', defaultValue: LONG_MAX, validator: range('LONG', 0), synonyms: logPrefixed('message.timestamp.difference.max.ms'), documentation: 'Deprecated; largest gap between a record timestamp and the broker clock.' },
  { name: 'message.timestamp.type', type: 'STRING', defaultValue: 'CreateTime', validator: oneOf('CreateTime', 'LogAppendTime'), synonyms: logPrefixed('message.timestamp.type'), documentation: 'Whether records keep the producer timestamp or get the append time.' },
  { name: 'min.cleanable.dirty.ratio', type: 'DOUBLE', defaultValue: '0.5', validator: range('DOUBLE', 0, 1), synonyms: [{ name: 'log.cleaner.min.cleanable.ratio' }], documentation: 'Share of uncompacted log that triggers compaction.' },
  { name: 'min.compaction.lag.ms', type: 'LONG', defaultValue: '0', validator: range('LONG', 0), synonyms: [{ name: 'log.cleaner.min.compaction.lag.ms' }], documentation: 'Shortest a message stays uncompacted.' },
  { name: 'min.insync.replicas', type: 'INT', defaultValue: '1', validator: range('INT', 1), synonyms: [{ name: 'min.insync.replicas' }], documentation: 'In-sync replicas needed for an acks=all write to succeed.' },
  { name: 'preallocate', type: 'BOOLEAN', defaultValue: 'false', synonyms: logPrefixed('preallocate'), documentation: 'Preallocate segment files on disk.' },
  { name: 'remote.log.copy.disable', type: 'BOOLEAN', defaultValue: 'false', synonyms: [], documentation: 'Stop copying segments to tiered storage.' },
  { name: 'remote.log.delete.on.disable', type: 'BOOLEAN', defaultValue: 'false', synonyms: [], documentation: 'Delete tiered data when tiered storage is turned off.' },
  { name: 'remote.storage.enable', type: 'BOOLEAN', defaultValue: 'false', synonyms: [], documentation: 'Use tiered storage for this topic.' },
  { name: 'retention.bytes', type: 'LONG', defaultValue: '-1', synonyms: logPrefixed('retention.bytes'), documentation: 'Size a partition may grow to before old segments go; -1 is no limit.' },
  { name: 'retention.ms', type: 'LONG', defaultValue: '604800000', validator: range('LONG', -1), synonyms: [{ name: 'log.retention.ms' }, { name: 'log.retention.minutes', scale: MINUTES }, { name: 'log.retention.hours', scale: HOURS }], documentation: 'How long records are kept; -1 is forever.' },
  { name: 'segment.bytes', type: 'INT', defaultValue: '1073741824', validator: range('INT', 14), synonyms: logPrefixed('segment.bytes'), documentation: 'Size at which a new segment file is rolled.' },
  { name: 'segment.index.bytes', type: 'INT', defaultValue: '10485760', validator: range('INT', 4), synonyms: [{ name: 'log.index.size.max.bytes' }], documentation: 'Size of the offset and time index files.' },
  { name: 'segment.jitter.ms', type: 'LONG', defaultValue: '0', validator: range('LONG', 0), synonyms: [{ name: 'log.roll.jitter.ms' }, { name: 'log.roll.jitter.hours', scale: HOURS }], documentation: 'Random delay subtracted from segment.ms so segments do not roll together.' },
  { name: 'segment.ms', type: 'LONG', defaultValue: '604800000', validator: range('LONG', 1), synonyms: [{ name: 'log.roll.ms' }, { name: 'log.roll.hours', scale: HOURS }], documentation: 'Age at which a new segment file is rolled.' },
  { name: 'unclean.leader.election.enable', type: 'BOOLEAN', defaultValue: 'false', synonyms: [{ name: 'unclean.leader.election.enable' }], documentation: 'Allow an out-of-sync replica to become leader, at the risk of losing data.' },
];

export const TOPIC_CONFIGS_BY_NAME: ReadonlyMap<string, TopicConfigKey> = new Map(TOPIC_CONFIGS.map((k) => [k.name, k]));

/**
 * Checks across configs once each value is valid alone (LogConfig.validateValues and the tiered-storage
 * checks that apply to a broker without tiered storage). `values` holds every topic config, parsed.
 */
export function validateTopicConfigCombination(values: ReadonlyMap<string, ConfigValue>): void {
  const minLag = values.get('min.compaction.lag.ms') as bigint;
  const maxLag = values.get('max.compaction.lag.ms') as bigint;
  if (minLag > maxLag) {
    throw new ConfigException(`conflict topic config setting min.compaction.lag.ms (${minLag}) > max.compaction.lag.ms (${maxLag})`);
  }
  if (values.get('remote.storage.enable') === true) {
    throw new ConfigException('Tiered Storage functionality is disabled in the broker. Topic cannot be configured with remote log storage.');
  }
}
