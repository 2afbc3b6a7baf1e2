import { ApiKey } from '../protocol/api-keys';
import type { RequestOf, ResponseInputOf, SupportedApiKey } from '../protocol/apis';
import { errorName } from '../protocol/errors';
import { describeConfigs } from '../controller/config-changes';
import type { StaticBrokerConfig } from '../controller/config-resolver';
import type {
  AllocateProducerIdsResult,
  AlterConfigOp,
  AlterConfigsResource,
  AlterConfigsResult,
  DescribeConfigsResource,
  DescribeConfigsResult,
  IncrementalAlterConfigsResource,
  KafkaErrorName,
} from '../controller/controller-results';
import type { ConfigResourceType } from '../controller/metadata-records';
import { METADATA_TOPIC } from '../controller/rpc/metadata-fetch-handler';
import type { ControllerLink } from './controller-link';
import type { ControllerChannel } from './controller-channel';
import type { MetadataSource } from './metadata-follower';

/** Forwarded admin writes may wait on the controller's fsync; generous but bounded. */
const FORWARD_TIMEOUT_MS = 30_000;
const READ_YOUR_WRITES_WAIT_MS = 5_000;

/**
 * The controller as a broker process reaches it: admin writes are forwarded over the controller
 * link as the same request (KRaft brokers forward them too), producer id blocks are asked for
 * with AllocateProducerIds, and config reads are answered from the broker's own metadata image.
 */
export class RemoteControllerChannel implements ControllerChannel {
  constructor(
    private readonly link: ControllerLink,
    private readonly metadata: MetadataSource,
    private readonly staticConfig: StaticBrokerConfig,
  ) {}

  async forward<K extends SupportedApiKey>(apiKey: K, version: number, request: RequestOf<K>): Promise<ResponseInputOf<K>> {
    const response = await this.link.send(apiKey, version, request as never, FORWARD_TIMEOUT_MS);
    await this.readYourWrites();
    return response as unknown as ResponseInputOf<K>;
  }

  /**
   * Waits until this broker's image holds everything the controller has committed, so a client
   * that wrote through this broker reads its write back from it (a topic it just created, a config
   * it just set). One zero-wait fetch tells the controller's log end.
   */
  private async readYourWrites(): Promise<void> {
    const fetched = await this.link.send(
      ApiKey.Fetch,
      12,
      {
        replicaId: -1,
        maxWaitMs: 0,
        minBytes: 0,
        maxBytes: 1,
        isolationLevel: 0,
        sessionId: 0,
        sessionEpoch: -1,
        topics: [{ topic: METADATA_TOPIC, partitions: [{ partition: 0, fetchOffset: BigInt(this.metadata.image().offset + 1), partitionMaxBytes: 1 }] }],
      },
      FORWARD_TIMEOUT_MS,
    );
    const logEnd = Number(fetched.responses[0]?.partitions[0]?.highWatermark ?? 0n);
    await Promise.race([this.metadata.caughtUpTo(logEnd - 1), new Promise((r) => setTimeout(r, READ_YOUR_WRITES_WAIT_MS))]);
  }

  async allocateProducerIds(brokerId: number, brokerEpoch: number): Promise<AllocateProducerIdsResult> {
    const response = await this.link.send(ApiKey.AllocateProducerIds, 0, { brokerId, brokerEpoch: BigInt(brokerEpoch) });
    return {
      errorCode: errorName(response.errorCode) as KafkaErrorName,
      errorMessage: null,
      producerIdStart: Number(response.producerIdStart),
      producerIdLen: response.producerIdLen,
    };
  }

  async alterConfigs(resources: readonly AlterConfigsResource[], opts: { validateOnly?: boolean } = {}): Promise<AlterConfigsResult[]> {
    const response = await this.link.send(
      ApiKey.AlterConfigs,
      2,
      {
        resources: resources.map((r) => ({
          resourceType: RESOURCE_TYPE_ID[r.resourceType],
          resourceName: r.resourceName,
          configs: r.configs.map((c) => ({ name: c.name, value: c.value })),
        })),
        validateOnly: opts.validateOnly ?? false,
      },
      FORWARD_TIMEOUT_MS,
    );
    await this.readYourWrites();
    return response.responses.map((r) => alterResult(r.resourceType, r.resourceName, r.errorCode, r.errorMessage));
  }

  async incrementalAlterConfigs(resources: readonly IncrementalAlterConfigsResource[], opts: { validateOnly?: boolean } = {}): Promise<AlterConfigsResult[]> {
    const response = await this.link.send(
      ApiKey.IncrementalAlterConfigs,
      1,
      {
        resources: resources.map((r) => ({
          resourceType: RESOURCE_TYPE_ID[r.resourceType],
          resourceName: r.resourceName,
          configs: r.configs.map((c) => ({ name: c.name, configOperation: ALTER_OP_ID[c.op], value: c.value })),
        })),
        validateOnly: opts.validateOnly ?? false,
      },
      FORWARD_TIMEOUT_MS,
    );
    await this.readYourWrites();
    return response.responses.map((r) => alterResult(r.resourceType, r.resourceName, r.errorCode, r.errorMessage));
  }

  describeConfigs(resources: readonly DescribeConfigsResource[], brokerId: number | null = null): DescribeConfigsResult[] {
    return describeConfigs(this.metadata.image(), this.staticConfig, resources, brokerId);
  }
}

/** Kafka's ConfigResource.Type ids. */
const RESOURCE_TYPE_ID: Record<ConfigResourceType, number> = { TOPIC: 2, BROKER: 4 };
const RESOURCE_TYPE_NAME: Record<number, ConfigResourceType> = { 2: 'TOPIC', 4: 'BROKER' };
/** Kafka's AlterConfigOp.OpType ids. */
const ALTER_OP_ID: Record<AlterConfigOp, number> = { SET: 0, DELETE: 1, APPEND: 2, SUBTRACT: 3 };

function alterResult(type: number, name: string, code: number, message: string | null): AlterConfigsResult {
  return {
    resourceType: RESOURCE_TYPE_NAME[type] ?? 'TOPIC',
    resourceName: name,
    errorCode: errorName(code) as KafkaErrorName,
    errorMessage: message,
  };
}
