// The topic detail's channels (issue 11 §5) over the project's client, so they work on any Kafka:
// every config with its source, edits through IncrementalAlterConfigs with Kafka's refusal shown on
// the field it concerns, CreatePartitions, DeleteRecords, and the size of each replica
// (DescribeLogDirs on every broker).
import type { ConsoleChannel, RequestOf, ResponseOf } from '../../shared/console-api';
import { ConsoleApiError } from '../../shared/console-errors';
import type { ConfigSourceGroup, TopicConfigsResponse, TopicLogDirsResponse } from '../../shared/topic-admin-types';
import type { Admin } from '../client/admin';
import type { AlterConfigOperation, ConfigSource } from '../client/admin-configs';
import { describeLogDirs } from '../client/admin-log-dirs';
import { KafkaProtocolError } from '../client/client-errors';
import { ErrorCode } from '../protocol/errors';
import { describeEngineError } from './console-error-mapping';

type TopicAdminChannel = 'topics:configs' | 'topics:alter-configs' | 'topics:add-partitions' | 'topics:delete-records' | 'topics:log-dirs';
export type TopicAdminHandlers = { [C in TopicAdminChannel & ConsoleChannel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> };

function sourceGroup(source: ConfigSource): ConfigSourceGroup {
  switch (source) {
    case 'DYNAMIC_TOPIC_CONFIG':
    case 'DYNAMIC_BROKER_CONFIG':
    case 'DYNAMIC_DEFAULT_BROKER_CONFIG':
    case 'DYNAMIC_BROKER_LOGGER_CONFIG':
      return 'dynamic';
    case 'STATIC_BROKER_CONFIG':
      return 'static';
    default:
      return 'default';
  }
}

async function topicConfigs(admin: Admin, name: string): Promise<TopicConfigsResponse> {
  const [result] = await admin.describeConfigs([{ type: 'topic', name }], { includeSynonyms: true, includeDocumentation: true });
  return {
    name,
    configs: result!.entries
      .map((e) => ({
        name: e.name,
        value: e.value,
        source: sourceGroup(e.source),
        kafkaSource: e.source,
        readOnly: e.readOnly,
        sensitive: e.isSensitive,
        // The first synonym is the entry itself; the rest say what it would fall back to.
        synonyms: e.synonyms.filter((s, i) => !(i === 0 && s.source === e.source)).map((s) => ({ name: s.name, value: s.value, kafkaSource: s.source })),
        documentation: e.documentation,
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** Kafka refuses a whole IncrementalAlterConfigs at the first bad config; asking once per field (validateOnly) tells the page each field's reason. */
async function fieldErrors(admin: Admin, name: string, ops: readonly AlterConfigOperation[]): Promise<Record<string, string>> {
  const fields: Record<string, string> = {};
  await Promise.all(
    ops.map(async (op) => {
      try {
        await admin.incrementalAlterConfigs({ type: 'topic', name }, [op], { validateOnly: true });
      } catch (err) {
        if (!(err instanceof KafkaProtocolError)) throw err;
        fields[op.name] = `${err.name}: ${describeEngineError(err).message}`;
      }
    }),
  );
  return fields;
}

export function topicAdminHandlers(adminOf: () => Admin, onChange: () => void): TopicAdminHandlers {
  return {
    'topics:configs': (req) => topicConfigs(adminOf(), req.name),

    'topics:alter-configs': async (req) => {
      const admin = adminOf();
      const ops: AlterConfigOperation[] = [
        ...Object.entries(req.set ?? {}).map(([name, value]) => ({ name, op: 'set' as const, value })),
        ...(req.delete ?? []).map((name) => ({ name, op: 'delete' as const })),
      ];
      try {
        await admin.incrementalAlterConfigs({ type: 'topic', name: req.name }, ops, { validateOnly: req.validateOnly ?? false });
      } catch (err) {
        if (!(err instanceof KafkaProtocolError) || err.name === 'UNKNOWN_TOPIC_OR_PARTITION') throw err;
        const fields = ops.length > 1 ? await fieldErrors(admin, req.name, ops) : { [ops[0]!.name]: `${err.name}: ${describeEngineError(err).message}` };
        throw new ConsoleApiError(err.name, describeEngineError(err).message, { fields });
      }
      if (!req.validateOnly) onChange();
      return topicConfigs(admin, req.name);
    },

    'topics:add-partitions': async (req) => {
      const admin = adminOf();
      await admin.createPartitions([{ name: req.name, totalCount: req.totalCount }]);
      onChange();
      const [topic] = await admin.describeTopics([req.name]);
      return { name: req.name, partitions: topic!.partitions.length };
    },

    'topics:delete-records': async (req) => {
      const admin = adminOf();
      const [topic] = await admin.describeTopics([req.name]);
      const targets = Object.entries(req.before).map(([p, beforeOffset]) => ({ topic: req.name, partition: Number(p), beforeOffset }));
      for (const t of targets) {
        if (!topic!.partitions.some((p) => p.partition === t.partition)) {
          throw new KafkaProtocolError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `partition ${t.partition} does not exist: topic '${req.name}' has ${topic!.partitions.length} partitions`, { topic: req.name, partition: t.partition });
        }
      }
      const deleted = await admin.deleteRecords(targets);
      onChange();
      return { name: req.name, partitions: deleted.map((d) => ({ partition: d.partition, lowWatermark: d.lowWatermark })).sort((a, b) => a.partition - b.partition) };
    },

    'topics:log-dirs': async (req): Promise<TopicLogDirsResponse> => {
      const admin = adminOf();
      const [topic] = await admin.describeTopics([req.name]);
      const result = await describeLogDirs(admin.client, [{ topic: req.name, partitions: topic!.partitions.map((p) => p.partition) }]);
      const replicas = result.replicas
        .filter((r) => r.topic === req.name)
        .map((r) => ({ broker: r.broker, logDir: r.logDir, partition: r.partition, size: r.size, offsetLag: r.offsetLag, future: r.isFuture }));
      return {
        name: req.name,
        replicas,
        totalBytes: replicas.reduce((n, r) => n + r.size, 0),
        brokerErrors: result.brokerErrors.map((e) => ({ broker: e.broker, error: describeEngineError(e.error) })),
      };
    },
  };
}
