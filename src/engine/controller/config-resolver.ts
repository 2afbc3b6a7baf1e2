import { ConfigException, displayValue, validateValue, type ConfigSource, type ConfigType, type ConfigValue } from './config-def';
import { BROKER_CONFIGS, BROKER_CONFIGS_BY_NAME } from './broker-configs';
import type { MetadataImage } from './metadata-image';
import {
  brokerConfigSynonyms,
  brokerLevels,
  brokerValue,
  configSynonyms,
  customBrokerNames,
  type BrokerLevels,
  type ConfigSynonym,
  type StaticBrokerConfig,
} from './config-synonyms';
import { TOPIC_CONFIGS, TOPIC_CONFIGS_BY_NAME, validateTopicConfigCombination, type TopicConfigKey } from './topic-configs';

export type { ConfigSynonym, StaticBrokerConfig } from './config-synonyms';

export interface ConfigEntry {
  readonly name: string;
  /** null when unset or sensitive. */
  readonly value: string | null;
  readonly source: ConfigSource;
  readonly isDefault: boolean;
  readonly readOnly: boolean;
  readonly sensitive: boolean;
  /** null for a custom name, whose type Kafka cannot know (UNKNOWN on the wire). */
  readonly type: ConfigType | null;
  readonly documentation: string;
  /** Where the value could come from, highest priority first (DescribeConfigs' synonyms). */
  readonly synonyms: readonly ConfigSynonym[];
}

/** The effective value a topic config takes from its broker synonyms: the first name set at some level, scaled to the topic's unit. */
function fromBrokerSynonyms(key: TopicConfigKey, levels: BrokerLevels): string | undefined {
  for (const s of key.synonyms) {
    const v = brokerValue(s.name, levels);
    if (v === undefined) continue;
    return !s.scale || !/^\s*-?\d+\s*$/.test(v) ? v : String(BigInt(v.trim()) * BigInt(s.scale));
  }
  return undefined;
}

/**
 * Every topic config of a topic with `overrides`, resolved as a broker would (LogConfig over the
 * broker's config): the topic's own value, else the first broker synonym set at some level, else
 * Kafka's default. Synonyms as ConfigHelper.createTopicConfigEntry lists them. Sorted by name.
 */
export function resolveTopicConfigs(
  image: MetadataImage,
  staticConfig: StaticBrokerConfig,
  overrides: ReadonlyMap<string, string>,
  brokerId: number | null = null,
): ConfigEntry[] {
  const levels = brokerLevels(image, staticConfig, brokerId);
  return TOPIC_CONFIGS.map((key) => {
    const own = overrides.get(key.name);
    const value = displayValue(key, own ?? fromBrokerSynonyms(key, levels) ?? key.defaultValue);
    const first = key.synonyms[0]?.name;
    const synonyms = first === undefined ? [] : configSynonyms(first, brokerConfigSynonyms(first), levels, false);
    if (own !== undefined) synonyms.unshift({ name: key.name, value, source: 'DYNAMIC_TOPIC_CONFIG' });
    const source = synonyms[0]?.source ?? 'DEFAULT_CONFIG';
    return {
      name: key.name,
      value,
      source,
      isDefault: source === 'DEFAULT_CONFIG',
      readOnly: false,
      sensitive: false,
      type: key.type,
      documentation: key.documentation,
      synonyms,
    };
  });
}

/**
 * A created topic's configs as the controller answers CreateTopics v5+ (KafkaConfigSchema.
 * resolveEffectiveTopicConfigs): the same values, but the source is the first level that sets any
 * synonym — not DescribeConfigs' synonym list — so retention.ms from log.retention.hours is STATIC.
 */
export function resolveCreatedTopicConfigs(image: MetadataImage, staticConfig: StaticBrokerConfig, overrides: ReadonlyMap<string, string>): ConfigEntry[] {
  const levels = brokerLevels(image, staticConfig, null);
  return resolveTopicConfigs(image, staticConfig, overrides).map((entry) => {
    const key = TOPIC_CONFIGS_BY_NAME.get(entry.name)!;
    const source: ConfigSource = overrides.has(entry.name) ? 'DYNAMIC_TOPIC_CONFIG' : schemaSource(key, levels);
    return { ...entry, source, isDefault: source === 'DEFAULT_CONFIG' };
  });
}

function schemaSource(key: TopicConfigKey, levels: BrokerLevels): ConfigSource {
  const has = (map: ReadonlyMap<string, string> | undefined) => key.synonyms.some((s) => map?.has(s.name) === true);
  if (has(levels.dynamicBroker)) return 'DYNAMIC_BROKER_CONFIG';
  if (has(levels.dynamicDefault)) return 'DYNAMIC_DEFAULT_BROKER_CONFIG';
  if (key.synonyms.some((s) => Object.prototype.hasOwnProperty.call(levels.static, s.name))) return 'STATIC_BROKER_CONFIG';
  return 'DEFAULT_CONFIG';
}

/**
 * Every broker config for broker `brokerName` ('' = the cluster default resource), with the custom
 * names set at some level (Kafka lists a KafkaConfig's originals too). Synonyms as
 * ConfigHelper.createBrokerConfigEntry lists them; a custom name is sensitive and read-only there,
 * since Kafka cannot know its type.
 */
export function resolveBrokerConfigs(image: MetadataImage, staticConfig: StaticBrokerConfig, brokerName: string): ConfigEntry[] {
  const levels = brokerLevels(image, staticConfig, brokerName === '' ? null : Number(brokerName));
  const known = [...BROKER_CONFIGS].map((key) => {
    const sensitive = key.type === 'PASSWORD';
    const synonyms = configSynonyms(key.name, brokerConfigSynonyms(key.name), levels, sensitive);
    const source = synonyms[0]?.source ?? 'DEFAULT_CONFIG';
    return {
      name: key.name,
      value: sensitive ? null : displayValue(key, brokerValue(key.name, levels) ?? key.defaultValue),
      source,
      isDefault: source === 'DEFAULT_CONFIG',
      readOnly: !key.dynamic,
      sensitive,
      type: key.type,
      documentation: key.documentation,
      synonyms,
    };
  });
  const custom = customBrokerNames(levels, (n) => BROKER_CONFIGS_BY_NAME.has(n)).map((name): ConfigEntry => {
    const synonyms = configSynonyms(name, [name], levels, true);
    const source = synonyms[0]?.source ?? 'DEFAULT_CONFIG';
    return { name, value: null, source, isDefault: false, readOnly: true, sensitive: true, type: null, documentation: '', synonyms };
  });
  return [...known, ...custom].sort((a, b) => a.name.localeCompare(b.name));
}

/** The effective value of a broker config for the controller's own decisions (num.partitions …). */
export function effectiveBrokerConfig(image: MetadataImage, staticConfig: StaticBrokerConfig, name: string): string | null {
  return brokerValue(name, brokerLevels(image, staticConfig, null)) ?? BROKER_CONFIGS_BY_NAME.get(name)?.defaultValue ?? null;
}

/**
 * Validates a topic's complete set of overrides as the controller would (ControllerConfigurationValidator +
 * LogConfig.validate): known names, no nulls, each value alone, then the combination with the defaults.
 * Throws ConfigException with Kafka's message.
 */
export function validateTopicOverrides(
  image: MetadataImage,
  staticConfig: StaticBrokerConfig,
  overrides: ReadonlyMap<string, string | null>,
): void {
  const nulls = [...overrides].filter(([, v]) => v === null).map(([k]) => k);
  if (nulls.length > 0) throw new ConfigException(`Null value not supported for topic configs: ${nulls.join(',')}`);
  for (const name of overrides.keys()) {
    if (!TOPIC_CONFIGS_BY_NAME.has(name)) throw new ConfigException(`Unknown topic config name: ${name}`);
  }
  const values = new Map<string, ConfigValue>();
  const effective = resolveTopicConfigs(image, staticConfig, overrides as ReadonlyMap<string, string>);
  for (const entry of effective) {
    const key = TOPIC_CONFIGS_BY_NAME.get(entry.name)!;
    values.set(entry.name, validateValue(key, overrides.has(entry.name) ? (overrides.get(entry.name) as string) : entry.value));
  }
  validateTopicConfigCombination(values);
}

/**
 * Validates dynamic broker config changes as DynamicBrokerConfig.validateConfigs does: names Kafka
 * defines must be dynamically updatable and valid; other (custom) names are kept as they are
 * (DynamicConfig.Broker.validate allows custom props).
 */
export function validateBrokerOverrides(overrides: ReadonlyMap<string, string | null>): void {
  const readOnly = [...overrides.keys()].filter((name) => BROKER_CONFIGS_BY_NAME.get(name)?.dynamic === false);
  if (readOnly.length > 0) throw new ConfigException(`Cannot update these configs dynamically: Set(${readOnly.join(', ')})`);
  for (const [name, value] of overrides) {
    const key = BROKER_CONFIGS_BY_NAME.get(name);
    if (key && value !== null) validateValue(key, value);
  }
}
