import { ConfigException } from './config-def';
import { BROKER_CONFIGS_BY_NAME } from './broker-configs';
import { resolveBrokerConfigs, resolveTopicConfigs, validateBrokerOverrides, validateTopicOverrides } from './config-resolver';
import {
  apiError,
  type AlterConfigsResource,
  type AlterConfigsResult,
  type ApiError,
  type DescribeConfigsResource,
  type DescribeConfigsResult,
  type IncrementalAlterConfigsResource,
} from './controller-results';
import type { MetadataImage } from './metadata-image';
import type { ConfigRecord, ConfigResourceType } from './metadata-records';
import type { Plan, PlanContext } from './plan-context';
import { TOPIC_CONFIGS_BY_NAME } from './topic-configs';
import { topicNameError } from './topic-names';
import type { StaticBrokerConfig } from './config-resolver';

/** AlterConfigs / IncrementalAlterConfigs / DescribeConfigs as ConfigurationControlManager does them. */
function resourceError(image: MetadataImage, type: ConfigResourceType, name: string): ApiError | null {
  if (type === 'TOPIC') {
    const illegal = topicNameError(name);
    if (illegal) return apiError('INVALID_TOPIC_EXCEPTION', illegal);
    if (!image.topicsByName.has(name)) return apiError('UNKNOWN_TOPIC_OR_PARTITION', `The topic '${name}' does not exist.`);
    return null;
  }
  if (name !== '' && !/^-?\d+$/.test(name)) return apiError('INVALID_REQUEST', 'Unable to parse broker name as a base 10 number.');
  return null;
}

function current(image: MetadataImage, type: ConfigResourceType, name: string): ReadonlyMap<string, string> {
  return (type === 'TOPIC' ? image.topicConfigs : image.brokerConfigs).get(name) ?? new Map();
}

function defaultOf(type: ConfigResourceType, key: string): string | null {
  return (type === 'TOPIC' ? TOPIC_CONFIGS_BY_NAME.get(key) : BROKER_CONFIGS_BY_NAME.get(key))?.defaultValue ?? null;
}

function isList(type: ConfigResourceType, key: string): boolean {
  return (type === 'TOPIC' ? TOPIC_CONFIGS_BY_NAME.get(key) : BROKER_CONFIGS_BY_NAME.get(key))?.type === 'LIST';
}

function parts(value: string | null): string[] {
  return (value ?? '').split(',').filter((s) => s !== '');
}

/** Validates the overrides a resource would have after `changes`; null when valid. */
function validate(ctx: PlanContext, type: ConfigResourceType, name: string, changes: Map<string, string | null>): ApiError | null {
  try {
    if (type === 'TOPIC') {
      const after = new Map<string, string | null>(current(ctx.image, type, name));
      for (const [k, v] of changes) {
        if (v === null) after.delete(k);
        else after.set(k, v);
      }
      validateTopicOverrides(ctx.image, ctx.staticConfig, after);
    } else {
      validateBrokerOverrides(changes);
    }
    return null;
  } catch (e) {
    // Kafka validates BROKER changes on the receiving broker (ConfigAdminManager.validateBrokerConfigChange),
    // which answers a ConfigException as INVALID_REQUEST (KAFKA-13609); topic changes get INVALID_CONFIG.
    if (e instanceof ConfigException) return apiError(type === 'BROKER' ? 'INVALID_REQUEST' : 'INVALID_CONFIG', e.message);
    throw e;
  }
}

/** Why an APPEND/SUBTRACT cannot apply to `key`, in the words of whoever checks it in Kafka; null when it can. */
function listOpError(type: ConfigResourceType, key: string, op: 'APPEND' | 'SUBTRACT'): ApiError | null {
  if (isList(type, key)) return null;
  if (type === 'TOPIC') return apiError('INVALID_CONFIG', `Can't ${op} to key ${key} because its type is not LIST.`);
  // ConfigAdminManager.prepareIncrementalConfigs on the broker.
  if (!BROKER_CONFIGS_BY_NAME.has(key)) return apiError('INVALID_CONFIG', `Unknown config name: ${key}`);
  return apiError('INVALID_CONFIG', `Config value ${op.toLowerCase()} is not allowed for config key: ${key}`);
}

function toRecords(ctx: PlanContext, type: ConfigResourceType, name: string, changes: Map<string, string | null>): ConfigRecord[] {
  const existing = current(ctx.image, type, name);
  const out: ConfigRecord[] = [];
  for (const [key, value] of changes) {
    // Broker changes are recorded even when unchanged so brokers reload (KAFKA-14136).
    if (type === 'BROKER' || (existing.get(key) ?? null) !== value) {
      out.push({ type: 'ConfigRecord', version: 0, resourceType: type, resourceName: name, name: key, value });
    }
  }
  return out;
}

export function planIncrementalAlterConfigs(ctx: PlanContext, resources: readonly IncrementalAlterConfigsResource[]): Plan<AlterConfigsResult[]> {
  const records: ConfigRecord[] = [];
  const results: AlterConfigsResult[] = [];
  for (const r of resources) {
    const done = (error: ApiError) => results.push({ resourceType: r.resourceType, resourceName: r.resourceName, ...error });
    const bad = resourceError(ctx.image, r.resourceType, r.resourceName);
    if (bad) {
      done(bad);
      continue;
    }
    const names = r.configs.map((c) => c.name);
    if (new Set(names).size !== names.length) {
      done(apiError('INVALID_REQUEST', 'Error due to duplicate config keys'));
      continue;
    }
    const existing = current(ctx.image, r.resourceType, r.resourceName);
    const changes = new Map<string, string | null>();
    let error: ApiError | null = null;
    for (const c of r.configs) {
      const now = existing.get(c.name) ?? null;
      if (c.op === 'SET') changes.set(c.name, c.value);
      else if (c.op === 'DELETE') changes.set(c.name, null);
      else {
        error = listOpError(r.resourceType, c.name, c.op);
        if (error) break;
        const list = parts(now ?? defaultOf(r.resourceType, c.name));
        for (const v of (c.value ?? '').split(',')) {
          if (c.op === 'APPEND' && !list.includes(v)) list.push(v);
          if (c.op === 'SUBTRACT' && list.includes(v)) list.splice(list.indexOf(v), 1);
        }
        changes.set(c.name, list.join(','));
      }
    }
    error ??= validate(ctx, r.resourceType, r.resourceName, changes);
    if (error) {
      done(error);
      continue;
    }
    records.push(...toRecords(ctx, r.resourceType, r.resourceName, changes));
    done({ errorCode: 'NONE', errorMessage: null });
  }
  return { records, result: results };
}

/** Legacy AlterConfigs: the given set replaces every existing override of the resource. */
export function planAlterConfigs(ctx: PlanContext, resources: readonly AlterConfigsResource[]): Plan<AlterConfigsResult[]> {
  const records: ConfigRecord[] = [];
  const results: AlterConfigsResult[] = [];
  for (const r of resources) {
    const done = (error: ApiError) => results.push({ resourceType: r.resourceType, resourceName: r.resourceName, ...error });
    const bad = resourceError(ctx.image, r.resourceType, r.resourceName);
    if (bad) {
      done(bad);
      continue;
    }
    const changes = new Map<string, string | null>(r.configs.map((c) => [c.name, c.value]));
    const error = validate(ctx, r.resourceType, r.resourceName, changes);
    if (error) {
      done(error);
      continue;
    }
    for (const key of current(ctx.image, r.resourceType, r.resourceName).keys()) {
      if (!changes.has(key)) changes.set(key, null);
    }
    records.push(...toRecords(ctx, r.resourceType, r.resourceName, changes));
    done({ errorCode: 'NONE', errorMessage: null });
  }
  return { records, result: results };
}

/** DescribeConfigs from the image; `brokerId` is the broker answering (it decides DYNAMIC_BROKER_CONFIG). */
export function describeConfigs(
  image: MetadataImage,
  staticConfig: StaticBrokerConfig,
  resources: readonly DescribeConfigsResource[],
  brokerId: number | null,
): DescribeConfigsResult[] {
  return resources.map((r) => {
    const bad = resourceError(image, r.resourceType, r.resourceName);
    if (bad) return { resourceType: r.resourceType, resourceName: r.resourceName, ...bad, configs: [] };
    const all = r.resourceType === 'TOPIC'
      ? resolveTopicConfigs(image, staticConfig, current(image, 'TOPIC', r.resourceName), brokerId)
      : resolveBrokerConfigs(image, staticConfig, r.resourceName);
    const wanted = r.configNames && r.configNames.length > 0 ? new Set(r.configNames) : null;
    return {
      resourceType: r.resourceType,
      resourceName: r.resourceName,
      errorCode: 'NONE',
      errorMessage: null,
      configs: wanted ? all.filter((c) => wanted.has(c.name)) : all,
    };
  });
}
