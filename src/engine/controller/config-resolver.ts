import { ConfigException, displayValue, validateValue, type ConfigSource, type ConfigType, type ConfigValue } from './config-def';
import { BROKER_CONFIGS, BROKER_CONFIGS_BY_NAME } from './broker-configs';
import type { MetadataImage } from './metadata-image';
import { TOPIC_CONFIGS, TOPIC_CONFIGS_BY_NAME, validateTopicConfigCombination } from './topic-configs';

/** One described config, as DescribeConfigs and CreateTopics return it. */
export interface ConfigSynonym {
  readonly name: string;
  readonly value: string | null;
  readonly source: ConfigSource;
}

export interface ConfigEntry {
  readonly name: string;
  /** null when unset or sensitive. */
  readonly value: string | null;
  readonly source: ConfigSource;
  readonly isDefault: boolean;
  readonly readOnly: boolean;
  readonly sensitive: boolean;
  readonly type: ConfigType;
  readonly documentation: string;
  /** Where the value could come from, highest priority first (DescribeConfigs' synonyms). */
  readonly synonyms: readonly ConfigSynonym[];
}

/** The broker configs as set in the static config (server.properties): the STATIC_BROKER_CONFIG level. */
export type StaticBrokerConfig = Readonly<Record<string, string>>;

interface BrokerLevels {
  dynamicBroker: ReadonlyMap<string, string> | undefined;
  dynamicDefault: ReadonlyMap<string, string> | undefined;
  static: StaticBrokerConfig;
}

function levelsFor(image: MetadataImage, staticConfig: StaticBrokerConfig, brokerId: number | null): BrokerLevels {
  return {
    dynamicBroker: brokerId === null ? undefined : image.brokerConfigs.get(String(brokerId)),
    dynamicDefault: image.brokerConfigs.get(''),
    static: staticConfig,
  };
}

/** The values of a broker config at each level that sets it, highest priority first. */
function brokerSynonyms(name: string, levels: BrokerLevels, scale = 1): ConfigSynonym[] {
  const out: ConfigSynonym[] = [];
  const scaled = (v: string) => (scale === 1 || !/^\s*-?\d+\s*$/.test(v) ? v : String(BigInt(v.trim()) * BigInt(scale)));
  const dyn = levels.dynamicBroker?.get(name);
  if (dyn !== undefined) out.push({ name, value: scaled(dyn), source: 'DYNAMIC_BROKER_CONFIG' });
  const def = levels.dynamicDefault?.get(name);
  if (def !== undefined) out.push({ name, value: scaled(def), source: 'DYNAMIC_DEFAULT_BROKER_CONFIG' });
  if (Object.prototype.hasOwnProperty.call(levels.static, name)) {
    out.push({ name, value: scaled(levels.static[name]), source: 'STATIC_BROKER_CONFIG' });
  }
  return out;
}

/**
 * Every topic config of a topic with `overrides`, resolved as a broker would: the topic's own value,
 * else the first broker synonym set at some level, else Kafka's default. Sorted by name.
 */
export function resolveTopicConfigs(
  image: MetadataImage,
  staticConfig: StaticBrokerConfig,
  overrides: ReadonlyMap<string, string>,
  brokerId: number | null = null,
): ConfigEntry[] {
  const levels = levelsFor(image, staticConfig, brokerId);
  return TOPIC_CONFIGS.map((key) => {
    const synonyms: ConfigSynonym[] = [];
    const own = overrides.get(key.name);
    if (own !== undefined) synonyms.push({ name: key.name, value: displayValue(key, own), source: 'DYNAMIC_TOPIC_CONFIG' });
    for (const s of key.synonyms) synonyms.push(...brokerSynonyms(s.name, levels, s.scale));
    synonyms.push({ name: key.name, value: key.defaultValue, source: 'DEFAULT_CONFIG' });
    const chosen = synonyms[0];
    return {
      name: key.name,
      value: displayValue(key, chosen.value),
      source: chosen.source,
      isDefault: chosen.source === 'DEFAULT_CONFIG',
      readOnly: false,
      sensitive: false,
      type: key.type,
      documentation: key.documentation,
      synonyms,
    };
  });
}

/** Every known broker config for broker `brokerName` ('' = the cluster default resource). */
export function resolveBrokerConfigs(image: MetadataImage, staticConfig: StaticBrokerConfig, brokerName: string): ConfigEntry[] {
  const levels = levelsFor(image, staticConfig, brokerName === '' ? null : Number(brokerName));
  return [...BROKER_CONFIGS].sort((a, b) => a.name.localeCompare(b.name)).map((key) => {
    const synonyms = brokerSynonyms(key.name, levels);
    synonyms.push({ name: key.name, value: key.defaultValue, source: 'DEFAULT_CONFIG' });
    const chosen = synonyms[0];
    const sensitive = key.type === 'PASSWORD';
    return {
      name: key.name,
      value: sensitive ? null : displayValue(key, chosen.value),
      source: chosen.source,
      isDefault: chosen.source === 'DEFAULT_CONFIG',
      readOnly: !key.dynamic,
      sensitive,
      type: key.type,
      documentation: key.documentation,
      synonyms,
    };
  });
}

/** The effective value of a broker config for the controller's own decisions (num.partitions …). */
export function effectiveBrokerConfig(image: MetadataImage, staticConfig: StaticBrokerConfig, name: string): string | null {
  const key = BROKER_CONFIGS_BY_NAME.get(name);
  const set = brokerSynonyms(name, levelsFor(image, staticConfig, null));
  return set.length > 0 ? set[0].value : key?.defaultValue ?? null;
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

/** Validates dynamic broker config changes: known, dynamically updatable names and valid values. */
export function validateBrokerOverrides(overrides: ReadonlyMap<string, string | null>): void {
  const readOnly = [...overrides.keys()].filter((name) => BROKER_CONFIGS_BY_NAME.get(name)?.dynamic === false);
  if (readOnly.length > 0) throw new ConfigException(`Cannot update these configs dynamically: Set(${readOnly.join(', ')})`);
  for (const [name, value] of overrides) {
    const key = BROKER_CONFIGS_BY_NAME.get(name);
    if (!key) throw new ConfigException(`Unknown broker config name: ${name}`);
    if (value !== null) validateValue(key, value);
  }
}
