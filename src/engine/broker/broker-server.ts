import { join } from 'node:path';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { childLogger } from '../logger';
import type { Controller } from '../controller/controller';
import { resolveTopicConfigs, effectiveBrokerConfig, type StaticBrokerConfig } from '../controller/config-resolver';
import type { MetadataImage } from '../controller/metadata-image';
import { LogManager } from '../storage/log-manager';
import { logConfigFromProperties, type LogConfig } from '../storage/log-config';
import { apiVersionsHandler } from './handlers/18-api-versions';
import { produceHandler } from './handlers/00-produce';
import { fetchHandler } from './handlers/01-fetch';
import { listOffsetsHandler } from './handlers/02-list-offsets';
import { metadataHandler } from './handlers/03-metadata';
import { createTopicsHandler } from './handlers/19-create-topics';
import { deleteTopicsHandler } from './handlers/20-delete-topics';
import { MetadataCache } from './metadata-cache';
import { ReplicaManager } from './replica-manager';
import { RequestRouter } from '../network/request-router';
import { SocketServer } from '../network/socket-server';

export const LISTENER_NAME = 'PLAINTEXT';
const DEFAULT_SOCKET_REQUEST_MAX_BYTES = 104_857_600;

export interface BrokerServerOptions {
  nodeId: number;
  /** DATA/broker-<id> */
  logDir: string;
  host: string;
  port: number;
  /** In-process for now; the cluster issue moves it behind Kafka RPCs. */
  controller: Controller;
  staticConfig: StaticBrokerConfig;
  logger: Logger;
  clock: Clock;
}

/**
 * One broker (Kafka's BrokerServer): its log folder, its partitions, and the socket server that
 * answers clients. It registers with the controller and follows the controller's metadata.
 */
export class BrokerServer {
  private unsubscribe: (() => void) | null = null;
  private stopped = false;

  private constructor(
    readonly nodeId: number,
    private readonly options: BrokerServerOptions,
    private readonly logManager: LogManager,
    readonly replicaManager: ReplicaManager,
    readonly metadata: MetadataCache,
    private readonly socketServer: SocketServer,
  ) {}

  static async start(options: BrokerServerOptions): Promise<BrokerServer> {
    const { controller, staticConfig, nodeId } = options;
    const logger = childLogger(options.logger, `[broker ${nodeId}]`);
    const logConfigFor = (topic: string, image: MetadataImage): LogConfig => {
      const overrides = image.topicConfigs.get(topic) ?? new Map<string, string>();
      const props: Record<string, string> = {};
      for (const entry of resolveTopicConfigs(image, staticConfig, overrides, nodeId)) {
        if (entry.value !== null) props[entry.name] = entry.value;
      }
      return logConfigFromProperties(props);
    };
    const logManager = LogManager.open({
      dir: options.logDir,
      nodeId,
      clusterId: controller.clusterId,
      clock: options.clock,
      logger,
      configFor: (topic) => logConfigFor(topic, controller.image()),
    });
    const metadata = new MetadataCache(controller.image(), LISTENER_NAME);
    const replicaManager = new ReplicaManager({ nodeId, logManager, logger, clock: options.clock, logConfigFor });
    const router = new RequestRouter(logger);
    const brokerConfig = (name: string): string | null => effectiveBrokerConfig(metadata.image, staticConfig, name);
    router
      .register(apiVersionsHandler(() => router.advertised()))
      .register(produceHandler(replicaManager))
      .register(fetchHandler(replicaManager, metadata))
      .register(listOffsetsHandler(replicaManager))
      .register(
        metadataHandler({
          metadata,
          autoCreateTopicsEnabled: () => brokerConfig('auto.create.topics.enable') !== 'false',
          autoCreateTopic: async (name) => {
            const [result] = await controller.createTopics([{ name, numPartitions: -1, replicationFactor: -1 }]);
            if (result && result.errorCode !== 'NONE' && result.errorCode !== 'TOPIC_ALREADY_EXISTS') {
              logger.warn(`auto-creating topic ${name} failed: ${result.errorCode} ${result.errorMessage ?? ''}`);
            }
          },
        }),
      )
      .register(createTopicsHandler(controller))
      .register(deleteTopicsHandler(controller));
    const maxRequestBytes = Number(brokerConfig('socket.request.max.bytes') ?? DEFAULT_SOCKET_REQUEST_MAX_BYTES);
    const socketServer = new SocketServer({
      host: options.host,
      port: options.port,
      maxRequestBytes,
      logger,
      handler: router.handleFrame,
    });
    const broker = new BrokerServer(nodeId, options, logManager, replicaManager, metadata, socketServer);
    try {
      const port = await socketServer.start();
      broker.unsubscribe = controller.onChange((delta, image) => {
        metadata.update(image);
        replicaManager.applyDelta(delta, image);
      });
      replicaManager.applyImage(controller.image());
      const registration = await controller.registerBroker({
        brokerId: nodeId,
        endpoints: [{ name: LISTENER_NAME, host: options.host, port, securityProtocol: 'PLAINTEXT' }],
      });
      await controller.brokerHeartbeat({ brokerId: nodeId, brokerEpoch: registration.brokerEpoch, wantFence: false });
      logger.info(`started on ${options.host}:${port} (epoch ${registration.brokerEpoch})`);
      return broker;
    } catch (err) {
      await broker.stop();
      throw err;
    }
  }

  get port(): number {
    return this.socketServer.port;
  }

  get bootstrap(): string {
    return `${this.options.host}:${this.port}`;
  }

  /** Controlled shutdown: stop taking requests, answer waiting fetches, flush and checkpoint the logs. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.unsubscribe?.();
    this.replicaManager.shutdown();
    await this.socketServer.close();
    this.logManager.close();
  }
}

export function brokerLogDir(dataDir: string, nodeId: number): string {
  return join(dataDir, `broker-${nodeId}`);
}
