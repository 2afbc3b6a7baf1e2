// Wire ids of DescribeConfigs' enums (ConfigSource, ConfigType), shared by the config handlers.
import type { ConfigSource, ConfigType } from '../controller/config-def';

const CONFIG_SOURCE: Record<string, number> = {
  UNKNOWN: 0,
  DYNAMIC_TOPIC_CONFIG: 1,
  DYNAMIC_BROKER_CONFIG: 2,
  DYNAMIC_DEFAULT_BROKER_CONFIG: 3,
  STATIC_BROKER_CONFIG: 4,
  DEFAULT_CONFIG: 5,
  DYNAMIC_BROKER_LOGGER_CONFIG: 6,
  CLIENT_METRICS_CONFIG: 7,
};

const CONFIG_TYPE: Record<ConfigType, number> = {
  BOOLEAN: 1,
  STRING: 2,
  INT: 3,
  SHORT: 4,
  LONG: 5,
  DOUBLE: 6,
  LIST: 7,
  CLASS: 8,
  PASSWORD: 9,
};

export function configSourceId(source: ConfigSource | string): number {
  return CONFIG_SOURCE[source] ?? 0;
}

/** 0 (UNKNOWN) for a type the table does not know, or none (a custom config name). */
export function configTypeId(type: ConfigType | null): number {
  return type === null ? 0 : CONFIG_TYPE[type] ?? 0;
}

/** ConfigResource.Type ids on the wire. */
export const ConfigResourceTypeId = {
  UNKNOWN: 0,
  TOPIC: 2,
  BROKER: 4,
  BROKER_LOGGER: 8,
  CLIENT_METRICS: 16,
} as const;

/** Kafka's name of a resource type id, as its error messages print it. */
export function configResourceTypeName(id: number): string {
  for (const [name, value] of Object.entries(ConfigResourceTypeId)) if (value === id) return name;
  return 'UNKNOWN';
}
