import { LONG_MAX, listOf, oneOf, range, type ConfigKey } from './config-def';
import { metadataVersionValidator } from './metadata-version';

/**
 * The broker configs the controller knows: those the topic configs default from, the ones it uses to
 * create topics, and a few the console shows. `dynamic` ones may be changed at runtime (per broker or as
 * the cluster default); the others are read-only, set only in the static config.
 */
export interface BrokerConfigKey extends ConfigKey {
  readonly dynamic: boolean;
}

const K = (
  name: string,
  type: ConfigKey['type'],
  defaultValue: string | null,
  dynamic: boolean,
  documentation: string,
  validator?: ConfigKey['validator'],
): BrokerConfigKey => ({ name, type, defaultValue, dynamic, documentation, validator });

export const BROKER_CONFIGS: readonly BrokerConfigKey[] = [
  K('node.id', 'INT', '-1', false, 'This node\'s id.'),
  K('broker.id', 'INT', '-1', false, 'This broker\'s id (same as node.id).'),
  K('num.partitions', 'INT', '1', false, 'Partitions of a topic created without a count.', range('INT', 1)),
  K('default.replication.factor', 'INT', '1', false, 'Replication factor of a topic created without one.'),
  K('auto.create.topics.enable', 'BOOLEAN', 'true', false, 'Create unknown topics when clients ask for their metadata.'),
  K('delete.topic.enable', 'BOOLEAN', 'true', false, 'Allow topics to be deleted.'),
  K('offsets.topic.num.partitions', 'INT', '50', false, 'Partitions of __consumer_offsets.', range('INT', 1)),
  K('offsets.topic.replication.factor', 'SHORT', '3', false, 'Replication factor of __consumer_offsets.', range('SHORT', 1)),
  K('transaction.state.log.num.partitions', 'INT', '50', false, 'Partitions of __transaction_state.', range('INT', 1)),
  K('transaction.state.log.replication.factor', 'SHORT', '3', false, 'Replication factor of __transaction_state.', range('SHORT', 1)),
  K('transaction.state.log.min.isr', 'INT', '2', false, 'min.insync.replicas of __transaction_state.', range('INT', 1)),
  K('group.initial.rebalance.delay.ms', 'INT', '3000', false, 'Wait for more members before the first rebalance of a new group.'),
  K('group.min.session.timeout.ms', 'INT', '6000', false, 'Smallest session timeout a group member may ask for.'),
  K('group.max.session.timeout.ms', 'INT', '1800000', false, 'Largest session timeout a group member may ask for.'),
  K('group.max.size', 'INT', '2147483647', false, 'Most members one classic group may have.', range('INT', 1)),
  K('offsets.retention.minutes', 'INT', '10080', false, 'How long the committed offsets of an empty group are kept.', range('INT', 1)),
  K('offsets.retention.check.interval.ms', 'LONG', '600000', false, 'How often expired offsets are removed.', range('LONG', 1)),
  K('offsets.commit.timeout.ms', 'INT', '5000', false, 'How long an offset commit waits for the offsets topic replicas.', range('INT', 1)),
  K('offsets.topic.segment.bytes', 'INT', '104857600', false, 'segment.bytes of __consumer_offsets.', range('INT', 1)),
  K('offset.metadata.max.bytes', 'INT', '4096', false, 'Longest metadata string an offset commit may carry.'),
  K('log.dirs', 'STRING', null, false, 'Where this broker keeps its logs.'),
  K('listeners', 'STRING', 'PLAINTEXT://:9092', false, 'Addresses the broker listens on.'),
  K('num.io.threads', 'INT', '8', true, 'Threads handling requests.', range('INT', 1)),
  K('num.network.threads', 'INT', '3', true, 'Threads reading and writing sockets.', range('INT', 1)),
  K('background.threads', 'INT', '10', true, 'Threads for background tasks.', range('INT', 1)),
  K('log.cleaner.threads', 'INT', '1', true, 'Threads compacting logs.', range('INT', 0)),
  K('log.cleaner.enable', 'BOOLEAN', 'true', false, 'Run the log cleaner, which compacts topics with cleanup.policy compact.'),
  K('log.cleaner.backoff.ms', 'LONG', '15000', true, 'How long the log cleaner sleeps when no log needs cleaning.', range('LONG', 0)),
  K('log.cleaner.dedupe.buffer.size', 'LONG', '134217728', true, 'Memory for the log cleaner\'s key to offset map.'),
  K('log.cleaner.io.buffer.load.factor', 'DOUBLE', '0.9', true, 'How full the log cleaner lets its key to offset map get.'),
  // Defaults of topic configs (ServerTopicConfigSynonyms); Kafka updates these cluster-wide at runtime.
  K('log.cleanup.policy', 'LIST', 'delete', true, 'Default cleanup.policy.', listOf('compact', 'delete')),
  K('compression.gzip.level', 'INT', '-1', true, 'Default compression.gzip.level.'),
  K('compression.lz4.level', 'INT', '9', true, 'Default compression.lz4.level.', range('INT', 1, 17)),
  K('compression.type', 'STRING', 'producer', true, 'Default compression.type.', oneOf('uncompressed', 'zstd', 'lz4', 'snappy', 'gzip', 'producer')),
  K('compression.zstd.level', 'INT', '3', true, 'Default compression.zstd.level.', range('INT', -131072, 22)),
  K('log.cleaner.delete.retention.ms', 'LONG', '86400000', true, 'Default delete.retention.ms.', range('LONG', 0)),
  K('log.segment.delete.delay.ms', 'LONG', '60000', true, 'Default file.delete.delay.ms.', range('LONG', 0)),
  K('log.flush.interval.messages', 'LONG', LONG_MAX, true, 'Default flush.messages.', range('LONG', 1)),
  K('log.flush.interval.ms', 'LONG', null, true, 'Default flush.ms.'),
  K('log.flush.scheduler.interval.ms', 'LONG', LONG_MAX, false, 'Default flush.ms when log.flush.interval.ms is unset.'),
  K('log.index.interval.bytes', 'INT', '4096', true, 'Default index.interval.bytes.', range('INT', 0)),
  K('log.local.retention.bytes', 'LONG', '-2', true, 'Default local.retention.bytes.', range('LONG', -2)),
  K('log.local.retention.ms', 'LONG', '-2', true, 'Default local.retention.ms.', range('LONG', -2)),
  K('log.cleaner.max.compaction.lag.ms', 'LONG', LONG_MAX, true, 'Default max.compaction.lag.ms.', range('LONG', 1)),
  K('message.max.bytes', 'INT', '1048588', true, 'Default max.message.bytes.', range('INT', 0)),
  K('log.message.downconversion.enable', 'BOOLEAN', 'true', true, 'Default message.downconversion.enable.'),
  K('log.message.format.version', 'STRING', '3.0-IV1', false, 'Default message.format.version.', metadataVersionValidator),
  K('log.message.timestamp.after.max.ms', 'LONG', LONG_MAX, true, 'Default message.timestamp.after.max.ms.', range('LONG', 0)),
  K('log.message.timestamp.before.max.ms', 'LONG', LONG_MAX, true, 'Default message.timestamp.before.max.ms.', range('LONG', 0)),
  K('log.message.timestamp.difference.max.ms', 'LONG', LONG_MAX, true, 'Default message.timestamp.difference.max.ms.', range('LONG', 0)),
  K('log.message.timestamp.type', 'STRING', 'CreateTime', true, 'Default message.timestamp.type.', oneOf('CreateTime', 'LogAppendTime')),
  K('log.cleaner.min.cleanable.ratio', 'DOUBLE', '0.5', true, 'Default min.cleanable.dirty.ratio.', range('DOUBLE', 0, 1)),
  K('log.cleaner.min.compaction.lag.ms', 'LONG', '0', true, 'Default min.compaction.lag.ms.', range('LONG', 0)),
  K('min.insync.replicas', 'INT', '1', true, 'Default min.insync.replicas.', range('INT', 1)),
  K('log.preallocate', 'BOOLEAN', 'false', true, 'Default preallocate.'),
  K('log.retention.bytes', 'LONG', '-1', true, 'Default retention.bytes.'),
  K('log.retention.ms', 'LONG', null, true, 'Default retention.ms.', range('LONG', -1)),
  K('log.retention.minutes', 'INT', null, false, 'Default retention.ms, in minutes, when log.retention.ms is unset.'),
  K('log.retention.hours', 'INT', '168', false, 'Default retention.ms, in hours, when the finer settings are unset.'),
  K('log.retention.check.interval.ms', 'LONG', '300000', false, 'How often retention is checked.', range('LONG', 1)),
  K('producer.id.expiration.ms', 'INT', '86400000', true, 'How long a producer id with no writes is remembered.', range('INT', 1)),
  K('producer.id.expiration.check.interval.ms', 'INT', '600000', false, 'How often expired producer ids are removed.', range('INT', 1)),
  K('replica.lag.time.max.ms', 'LONG', '30000', false, 'How long a follower may go without catching up before it leaves the ISR.', range('LONG', 1)),
  K('replica.fetch.wait.max.ms', 'INT', '500', false, 'How long a follower fetch waits for data.', range('INT', 0)),
  K('replica.fetch.max.bytes', 'INT', '1048576', false, 'Bytes per partition a follower fetch asks for.', range('INT', 0)),
  K('replica.fetch.response.max.bytes', 'INT', '10485760', false, 'Bytes a follower fetch response may carry.', range('INT', 0)),
  K('replica.fetch.backoff.ms', 'INT', '1000', false, 'How long a follower waits after a failed fetch.', range('INT', 0)),
  K('broker.session.timeout.ms', 'INT', '9000', false, 'How long the controller waits for a heartbeat before fencing a broker.', range('INT', 1)),
  K('broker.heartbeat.interval.ms', 'INT', '2000', false, 'How often brokers heartbeat to the controller.', range('INT', 1)),
  K('leader.imbalance.check.interval.seconds', 'LONG', '300', false, 'How often preferred leaders are restored.', range('LONG', 1)),
  K('auto.leader.rebalance.enable', 'BOOLEAN', 'true', false, 'Whether preferred leaders are restored on a timer.'),
  K('log.segment.bytes', 'INT', '1073741824', true, 'Default segment.bytes.', range('INT', 14)),
  K('log.index.size.max.bytes', 'INT', '10485760', true, 'Default segment.index.bytes.', range('INT', 4)),
  K('log.roll.jitter.ms', 'LONG', null, true, 'Default segment.jitter.ms.'),
  K('log.roll.jitter.hours', 'INT', '0', false, 'Default segment.jitter.ms, in hours.', range('INT', 0)),
  K('log.roll.ms', 'LONG', null, true, 'Default segment.ms.'),
  K('log.roll.hours', 'INT', '168', false, 'Default segment.ms, in hours.', range('INT', 1)),
  K('unclean.leader.election.enable', 'BOOLEAN', 'false', true, 'Default unclean.leader.election.enable.'),
];

export const BROKER_CONFIGS_BY_NAME: ReadonlyMap<string, BrokerConfigKey> = new Map(BROKER_CONFIGS.map((k) => [k.name, k]));
