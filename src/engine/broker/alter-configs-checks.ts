import type { AlterConfigOp } from '../controller/controller-results';
import type { ConfigResourceType } from '../controller/metadata-records';
import { ConfigResourceTypeId } from './config-source';
import { codeOf, type KafkaErrorName } from './kafka-error';

/**
 * What the broker checks before forwarding AlterConfigs / IncrementalAlterConfigs to the
 * controller (Kafka's ConfigAdminManager.preprocess): each resource once, each key once, no null
 * values except for DELETE, a BROKER resource named '' or by this broker's id, and BROKER_LOGGER
 * answered here. A resource that passes is the controller's to validate and apply.
 */
export interface AlterResourceIn {
  resourceType: number;
  resourceName: string;
  /** `op` is the IncrementalAlterConfigs operation id; absent for legacy AlterConfigs. */
  configs: readonly { name: string; value: string | null; op?: number }[];
}

export interface PreprocessError {
  error: KafkaErrorName;
  message: string | null;
}

export type Preprocessed =
  | { kind: 'answered'; result: PreprocessError }
  | { kind: 'forward'; resourceType: ConfigResourceType };

export const ALTER_CONFIG_OPS: readonly AlterConfigOp[] = ['SET', 'DELETE', 'APPEND', 'SUBTRACT'];

const fail = (error: KafkaErrorName, message: string | null): Preprocessed => ({ kind: 'answered', result: { error, message } });

/** `nodeId` is the receiving broker's id; null on the controller, which takes any broker id its brokers checked. */
export function preprocessAlterConfigs(resources: readonly AlterResourceIn[], nodeId: number | null, incremental: boolean): Preprocessed[] {
  const seen = new Map<string, number>();
  const duplicated = new Set<number>();
  resources.forEach((r, i) => {
    const key = `${r.resourceType}:${r.resourceName}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      duplicated.add(earlier);
      duplicated.add(i);
    }
    seen.set(key, i);
  });
  return resources.map((r, i) => {
    if (duplicated.has(i)) return fail('INVALID_REQUEST', 'Each resource must appear at most once.');
    const names = r.configs.map((c) => c.name);
    if (new Set(names).size !== names.length) return fail('INVALID_REQUEST', 'Error due to duplicate config keys');
    const nulls = r.configs.filter((c) => c.value === null && !(incremental && c.op === 1)).map((c) => c.name);
    if (nulls.length > 0) return fail('INVALID_REQUEST', `Null value not supported for : ${nulls.join(', ')}`);
    const unknownOp = incremental ? r.configs.find((c) => c.op === undefined || ALTER_CONFIG_OPS[c.op] === undefined) : undefined;
    switch (r.resourceType) {
      case ConfigResourceTypeId.TOPIC:
        if (unknownOp) return fail('INVALID_REQUEST', `Unknown operations type ${unknownOp.op}`);
        return { kind: 'forward', resourceType: 'TOPIC' };
      case ConfigResourceTypeId.BROKER: {
        const problem = r.resourceName === '' ? null : nodeIdProblem(r.resourceName, nodeId);
        if (problem) return fail('INVALID_REQUEST', problem);
        if (unknownOp) return fail('INVALID_REQUEST', `Unknown operations type ${unknownOp.op}`);
        return { kind: 'forward', resourceType: 'BROKER' };
      }
      case ConfigResourceTypeId.BROKER_LOGGER:
        // Legacy AlterConfigs never supported BROKER_LOGGER.
        if (!incremental) break;
        return brokerLogger(r, nodeId);
    }
    return fail('INVALID_REQUEST', `Unknown resource type ${r.resourceType}`);
  });
}

/**
 * The engine has no log4j loggers to set, so every logger named is unknown; the checks and their
 * order are Kafka's (validateLogLevelConfigs).
 */
function brokerLogger(r: AlterResourceIn, nodeId: number | null): Preprocessed {
  const problem = nodeIdProblem(r.resourceName, nodeId);
  if (problem) return fail('INVALID_REQUEST', problem);
  for (const c of r.configs) {
    const op = c.op === undefined ? undefined : ALTER_CONFIG_OPS[c.op];
    if (op === 'SET' || op === 'DELETE') return fail('INVALID_CONFIG', `Logger ${c.name} does not exist!`);
    if (op === 'APPEND' || op === 'SUBTRACT') return fail('INVALID_REQUEST', `${op} operation is not allowed for the BROKER_LOGGER resource`);
    return fail('INVALID_REQUEST', `Unknown operation type ${c.op} is not allowed for the BROKER_LOGGER resource`);
  }
  return fail('NONE', null);
}

function nodeIdProblem(name: string, nodeId: number | null): string | null {
  if (!/^[+-]?\d+$/.test(name) || !Number.isSafeInteger(Number(name))) return `Node id must be an integer, but it is: ${name}`;
  return nodeId === null || Number(name) === nodeId ? null : `Unexpected broker id, expected ${nodeId}, but received ${name}`;
}

export interface AlterResourceResponse {
  resourceType: number;
  resourceName: string;
  errorCode: number;
  errorMessage: string | null;
}

/**
 * The response of (Incremental)AlterConfigs in request order: resources answered by the broker's
 * own checks keep that answer, the others take the controller's results in the order they were sent.
 */
export function mergeAlterResults(
  resources: readonly { resourceType: number; resourceName: string }[],
  checked: readonly Preprocessed[],
  results: readonly { errorCode: KafkaErrorName; errorMessage: string | null }[],
): AlterResourceResponse[] {
  let next = 0;
  return resources.map((r, i) => {
    const c = checked[i];
    const base = { resourceType: r.resourceType, resourceName: r.resourceName };
    if (c.kind === 'answered') return { ...base, errorCode: codeOf(c.result.error), errorMessage: c.result.message };
    const result = results[next++];
    if (!result) return { ...base, errorCode: codeOf('UNKNOWN_SERVER_ERROR'), errorMessage: 'The controller returned no result for this resource' };
    return { ...base, errorCode: codeOf(result.errorCode), errorMessage: result.errorMessage };
  });
}
