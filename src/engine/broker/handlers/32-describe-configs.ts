// DescribeConfigs (key 32), v0-4, answered by the broker from its own metadata image, as Kafka's
// ConfigHelper does (it is not forwarded to the controller). TOPIC lists every topic config with its
// source; BROKER with this broker's id lists every broker config, with '' only the cluster-wide
// dynamic defaults; custom (unknown) names set on the broker are listed too, as Kafka lists a
// KafkaConfig's originals; BROKER_LOGGER lists no loggers (the engine has no per-logger levels). v1+
// synonyms only when asked, v3+ the type and, when asked, the documentation.
import { ApiKey } from '../../protocol/api-keys';
import type { DescribeConfigsResponseInput } from '../../protocol/apis';
import type { ConfigEntry } from '../../controller/config-resolver';
import type { DescribeConfigsResource, DescribeConfigsResult } from '../../controller/controller-results';
import type { ApiHandler } from '../../network/api-handler';
import { ConfigResourceTypeId, configResourceTypeName, configSourceId, configTypeId } from '../config-source';
import { codeOf, type KafkaErrorName } from '../kafka-error';

type ResultOut = DescribeConfigsResponseInput['results'][number];

export interface DescribeConfigsDeps {
  /** Resolves configs from the broker's metadata image (the controller's describeConfigs over the image it holds). */
  describe(resources: readonly DescribeConfigsResource[], brokerId: number): DescribeConfigsResult[] | Promise<DescribeConfigsResult[]>;
  nodeId: number;
}

export function describeConfigsHandler(deps: DescribeConfigsDeps): ApiHandler<typeof ApiKey.DescribeConfigs> {
  return {
    apiKey: ApiKey.DescribeConfigs,
    minVersion: 0,
    maxVersion: 4,
    async handle(_context, request) {
      const results: ResultOut[] = [];
      for (const resource of request.resources) {
        const failed = (error: KafkaErrorName, message: string | null): ResultOut => ({
          errorCode: codeOf(error),
          errorMessage: message,
          resourceType: resource.resourceType,
          resourceName: resource.resourceName,
          configs: [],
        });
        const wanted = resource.configurationKeys;
        const type = resource.resourceType;
        const name = resource.resourceName;
        if (type === ConfigResourceTypeId.TOPIC || type === ConfigResourceTypeId.BROKER) {
          if (type === ConfigResourceTypeId.BROKER && name !== '') {
            const problem = brokerIdProblem(name, deps.nodeId, `expected ${deps.nodeId} or empty string,`);
            if (problem) {
              results.push(failed('INVALID_REQUEST', problem));
              continue;
            }
          }
          const [described] = await deps.describe(
            [{ resourceType: type === ConfigResourceTypeId.TOPIC ? 'TOPIC' : 'BROKER', resourceName: name, configNames: wanted }],
            deps.nodeId,
          );
          // The cluster-wide resource ('') holds only the dynamic defaults set on it, as in Kafka.
          const clusterDefaults = type === ConfigResourceTypeId.BROKER && name === '';
          results.push(toResult(resource.resourceType, described, clusterDefaults, request.includeSynonyms, request.includeDocumentation));
        } else if (type === ConfigResourceTypeId.BROKER_LOGGER) {
          const problem = name === '' ? 'Broker id must not be empty' : brokerIdProblem(name, deps.nodeId, `expected ${deps.nodeId}`);
          results.push(problem ? failed('INVALID_REQUEST', problem) : { ...failed('NONE', null), configs: [] });
        } else {
          results.push(failed('INVALID_REQUEST', `Unsupported resource type: ${configResourceTypeName(type)}`));
        }
      }
      return { throttleTimeMs: 0, results };
    },
  };
}

/** Kafka's resourceNameToBrokerId checks: an integer naming this broker. */
export function brokerIdProblem(name: string, nodeId: number, expected: string): string | null {
  if (!/^[+-]?\d+$/.test(name) || !Number.isSafeInteger(Number(name))) return `Broker id must be an integer, but it is: ${name}`;
  return Number(name) === nodeId ? null : `Unexpected broker id, ${expected} but received ${name}`;
}

function toResult(
  resourceType: number,
  described: DescribeConfigsResult | undefined,
  clusterDefaults: boolean,
  includeSynonyms: boolean,
  includeDocumentation: boolean,
): ResultOut {
  if (!described) {
    return { errorCode: codeOf('UNKNOWN_SERVER_ERROR'), errorMessage: 'The controller returned no result', resourceType, resourceName: '', configs: [] };
  }
  const entries = clusterDefaults ? described.configs.filter((c) => c.source === 'DYNAMIC_DEFAULT_BROKER_CONFIG') : described.configs;
  return {
    errorCode: codeOf(described.errorCode),
    errorMessage: described.errorMessage,
    resourceType,
    resourceName: described.resourceName,
    configs: entries.map((c) => toEntry(c, clusterDefaults, includeSynonyms, includeDocumentation)),
  };
}

function toEntry(c: ConfigEntry, clusterDefaults: boolean, includeSynonyms: boolean, includeDocumentation: boolean) {
  // The cluster-wide resource lists only dynamic default synonyms (createBrokerConfigEntry with perBrokerConfig=false).
  const synonyms = clusterDefaults ? c.synonyms.filter((s) => s.source === 'DYNAMIC_DEFAULT_BROKER_CONFIG') : c.synonyms;
  return {
    name: c.name,
    value: c.value,
    readOnly: c.readOnly,
    isDefault: c.isDefault,
    configSource: configSourceId(c.source),
    isSensitive: c.sensitive,
    synonyms: includeSynonyms ? synonyms.map((s) => ({ name: s.name, value: c.sensitive ? null : s.value, source: configSourceId(s.source) })) : [],
    configType: configTypeId(c.type),
    documentation: includeDocumentation ? c.documentation : null,
  };
}
