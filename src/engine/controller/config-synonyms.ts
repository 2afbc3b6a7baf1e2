import type { ConfigSource } from './config-def';
import { BROKER_CONFIGS } from './broker-configs';
import type { MetadataImage } from './metadata-image';

/** One place a config's value could come from, as DescribeConfigs lists it. */
export interface ConfigSynonym {
  readonly name: string;
  readonly value: string | null;
  readonly source: ConfigSource;
}

/** The broker configs as set in the static config (server.properties): the STATIC_BROKER_CONFIG level. */
export type StaticBrokerConfig = Readonly<Record<string, string>>;

/** The broker config maps DescribeConfigs reads, highest priority first (Kafka's DynamicBrokerConfig). */
export interface BrokerLevels {
  readonly dynamicBroker: ReadonlyMap<string, string> | undefined;
  readonly dynamicDefault: ReadonlyMap<string, string> | undefined;
  readonly static: StaticBrokerConfig;
}

export function brokerLevels(image: MetadataImage, staticConfig: StaticBrokerConfig, brokerId: number | null): BrokerLevels {
  return {
    dynamicBroker: brokerId === null ? undefined : image.brokerConfigs.get(String(brokerId)),
    dynamicDefault: image.brokerConfigs.get(''),
    static: staticConfig,
  };
}

/** DynamicBrokerConfig.staticDefaultConfigs: Kafka's defaults, without the names whose default is null. */
const STATIC_DEFAULTS: ReadonlyMap<string, string> = new Map(
  BROKER_CONFIGS.filter((k) => k.defaultValue !== null).map((k) => [k.name, k.defaultValue as string]),
);

/** DynamicBrokerConfig.brokerConfigSynonyms: the names that set one value, in Kafka's priority order. */
export function brokerConfigSynonyms(name: string): readonly string[] {
  switch (name) {
    case 'log.roll.ms':
    case 'log.roll.hours':
      return ['log.roll.ms', 'log.roll.hours'];
    case 'log.roll.jitter.ms':
    case 'log.roll.jitter.hours':
      return ['log.roll.jitter.ms', 'log.roll.jitter.hours'];
    case 'log.flush.interval.ms':
      return ['log.flush.interval.ms', 'log.flush.scheduler.interval.ms'];
    case 'log.retention.ms':
    case 'log.retention.minutes':
    case 'log.retention.hours':
      return ['log.retention.ms', 'log.retention.minutes', 'log.retention.hours'];
    default:
      return [name];
  }
}

function own(map: ReadonlyMap<string, string> | StaticBrokerConfig | undefined, name: string): string | undefined {
  if (map === undefined) return undefined;
  if (typeof (map as ReadonlyMap<string, string>).get === 'function') return (map as ReadonlyMap<string, string>).get(name);
  const record = map as StaticBrokerConfig;
  return Object.prototype.hasOwnProperty.call(record, name) ? record[name] : undefined;
}

/**
 * ConfigHelper.configSynonyms: the raw values of `synonyms` level by level (dynamic broker, dynamic
 * default, static, Kafka's default), then everything before the first entry named `name` dropped —
 * so a topic's retention.ms lists log.retention.hours only after a log.retention.ms that is set.
 */
export function configSynonyms(name: string, synonyms: readonly string[], levels: BrokerLevels, sensitive: boolean): ConfigSynonym[] {
  const out: ConfigSynonym[] = [];
  const sources: readonly [ReadonlyMap<string, string> | StaticBrokerConfig | undefined, ConfigSource][] = [
    [levels.dynamicBroker, 'DYNAMIC_BROKER_CONFIG'],
    [levels.dynamicDefault, 'DYNAMIC_DEFAULT_BROKER_CONFIG'],
    [levels.static, 'STATIC_BROKER_CONFIG'],
    [STATIC_DEFAULTS, 'DEFAULT_CONFIG'],
  ];
  for (const [map, source] of sources) {
    for (const synonym of synonyms) {
      const value = own(map, synonym);
      if (value !== undefined) out.push({ name: synonym, value: sensitive ? null : value, source });
    }
  }
  const first = out.findIndex((s) => s.name === name);
  return first < 0 ? [] : out.slice(first);
}

/** The value a broker config has at its highest level that sets it (dynamic broker, dynamic default, static). */
export function brokerValue(name: string, levels: BrokerLevels): string | undefined {
  return own(levels.dynamicBroker, name) ?? own(levels.dynamicDefault, name) ?? own(levels.static, name);
}

/** Names set at some level that Kafka's broker config does not define (custom names, kept as Kafka keeps them). */
export function customBrokerNames(levels: BrokerLevels, known: (name: string) => boolean): string[] {
  const names = new Set<string>([...(levels.dynamicBroker?.keys() ?? []), ...(levels.dynamicDefault?.keys() ?? []), ...Object.keys(levels.static)]);
  return [...names].filter((n) => !known(n));
}
