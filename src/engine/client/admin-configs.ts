import { ApiKey } from '../protocol/api-keys';
import { throwIfError } from './client-errors';
import type { KafkaClient, RequestTarget } from './kafka-client';

/** Kafka's ConfigResource.Type ids for the resources the console edits. */
export type ConfigResourceType = 'topic' | 'broker' | 'broker-logger';
const RESOURCE_TYPE_IDS: Record<ConfigResourceType, number> = { topic: 2, broker: 4, 'broker-logger': 8 };

/** Kafka's DescribeConfigsResponse.ConfigSource, by id. */
export type ConfigSource =
  | 'UNKNOWN'
  | 'DYNAMIC_TOPIC_CONFIG'
  | 'DYNAMIC_BROKER_CONFIG'
  | 'DYNAMIC_DEFAULT_BROKER_CONFIG'
  | 'STATIC_BROKER_CONFIG'
  | 'DEFAULT_CONFIG'
  | 'DYNAMIC_BROKER_LOGGER_CONFIG'
  | 'CLIENT_METRICS_CONFIG'
  | 'GROUP_CONFIG';
const SOURCES: readonly ConfigSource[] = [
  'UNKNOWN',
  'DYNAMIC_TOPIC_CONFIG',
  'DYNAMIC_BROKER_CONFIG',
  'DYNAMIC_DEFAULT_BROKER_CONFIG',
  'STATIC_BROKER_CONFIG',
  'DEFAULT_CONFIG',
  'DYNAMIC_BROKER_LOGGER_CONFIG',
  'CLIENT_METRICS_CONFIG',
  'GROUP_CONFIG',
];

function sourceName(id: number): ConfigSource {
  return SOURCES[id] ?? 'UNKNOWN';
}

export interface ConfigResource {
  type: ConfigResourceType;
  /** Topic name, or broker id as a string ("" for the cluster-wide broker default). */
  name: string;
}

export interface ConfigEntry {
  name: string;
  /** Null for sensitive values and unset ones. */
  value: string | null;
  readOnly: boolean;
  isDefault: boolean;
  source: ConfigSource;
  isSensitive: boolean;
  synonyms: Array<{ name: string; value: string | null; source: ConfigSource }>;
  documentation: string | null;
}

export interface ConfigResourceResult extends ConfigResource {
  entries: ConfigEntry[];
}

export interface DescribeConfigsOptions {
  /** Only these keys; all when omitted. */
  keys?: string[];
  includeSynonyms?: boolean;
  includeDocumentation?: boolean;
}

export type AlterConfigOp = 'set' | 'delete' | 'append' | 'subtract';
const OP_IDS: Record<AlterConfigOp, number> = { set: 0, delete: 1, append: 2, subtract: 3 };

export interface AlterConfigOperation {
  name: string;
  op: AlterConfigOp;
  /** Ignored for 'delete'. */
  value?: string | null;
}

/** Dynamic broker configs live on that broker; everything else can go anywhere (KRaft forwards). */
function targetFor(r: ConfigResource): RequestTarget {
  if (r.type !== 'topic' && r.name !== '') {
    const id = Number(r.name);
    if (Number.isInteger(id) && id >= 0) return id;
  }
  return r.type === 'topic' ? 'any' : 'controller';
}

export async function describeConfigs(client: KafkaClient, resources: readonly ConfigResource[], options: DescribeConfigsOptions = {}): Promise<ConfigResourceResult[]> {
  return Promise.all(
    resources.map((resource) =>
      client.withRetries(async () => {
        const { version, response, conn } = await client.send(targetFor(resource), ApiKey.DescribeConfigs, null, () => ({
          resources: [{ resourceType: RESOURCE_TYPE_IDS[resource.type], resourceName: resource.name, configurationKeys: options.keys ?? null }],
          includeSynonyms: options.includeSynonyms ?? false,
          includeDocumentation: options.includeDocumentation ?? false,
        }));
        const r = response.results[0];
        if (!r) throw new Error(`${conn.label} sent no DescribeConfigs result for ${resource.type} ${resource.name}`);
        throwIfError(r.errorCode, r.errorMessage, { resource: `${resource.type} ${resource.name}`, broker: conn.label });
        return {
          ...resource,
          entries: r.configs.map((c) => {
            const source = version >= 1 ? sourceName(c.configSource) : c.isDefault ? 'DEFAULT_CONFIG' : 'UNKNOWN';
            return {
              name: c.name,
              value: c.value,
              readOnly: c.readOnly,
              isDefault: version >= 1 ? source === 'DEFAULT_CONFIG' : c.isDefault,
              source,
              isSensitive: c.isSensitive,
              synonyms: c.synonyms.map((s) => ({ name: s.name, value: s.value, source: sourceName(s.source) })),
              documentation: c.documentation,
            };
          }),
        };
      }),
    ),
  );
}

/** The legacy whole-replacement AlterConfigs: keys not given return to their defaults. */
export async function alterConfigs(client: KafkaClient, resource: ConfigResource, configs: Record<string, string>, options: { validateOnly?: boolean } = {}): Promise<void> {
  await client.withRetries(async () => {
    const { response, conn } = await client.send(targetFor(resource), ApiKey.AlterConfigs, null, () => ({
      resources: [
        {
          resourceType: RESOURCE_TYPE_IDS[resource.type],
          resourceName: resource.name,
          configs: Object.entries(configs).map(([name, value]) => ({ name, value })),
        },
      ],
      validateOnly: options.validateOnly ?? false,
    }));
    for (const r of response.responses) throwIfError(r.errorCode, r.errorMessage, { resource: `${resource.type} ${resource.name}`, broker: conn.label });
  });
}

export async function incrementalAlterConfigs(
  client: KafkaClient,
  resource: ConfigResource,
  operations: readonly AlterConfigOperation[],
  options: { validateOnly?: boolean } = {},
): Promise<void> {
  await client.withRetries(async () => {
    const { response, conn } = await client.send(targetFor(resource), ApiKey.IncrementalAlterConfigs, null, () => ({
      resources: [
        {
          resourceType: RESOURCE_TYPE_IDS[resource.type],
          resourceName: resource.name,
          configs: operations.map((o) => ({ name: o.name, configOperation: OP_IDS[o.op], value: o.op === 'delete' ? null : (o.value ?? null) })),
        },
      ],
      validateOnly: options.validateOnly ?? false,
    }));
    for (const r of response.responses) throwIfError(r.errorCode, r.errorMessage, { resource: `${resource.type} ${resource.name}`, broker: conn.label });
  });
}
