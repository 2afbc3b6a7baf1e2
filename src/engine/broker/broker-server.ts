import type { Clock } from '../clock';
import { systemClock } from '../clock';
import type { Logger } from '../logger';
import { childLogger } from '../logger';
import { resolveTopicConfigs, effectiveBrokerConfig, type StaticBrokerConfig } from '../controller/config-resolver';
import type { MetadataImage } from '../controller/metadata-image';
import { LogManager } from '../storage/log-manager';
import { logConfigFromProperties, type LogConfig } from '../storage/log-config';
import { producerStateConfigFrom } from '../storage/producer-state-manager';
import { RequestRouter } from '../network/request-router';
import { SocketServer } from '../network/socket-server';
import type { SocketHook } from '../network/socket-link';
import type { DurableListener } from '../storage/storage-context';
import { registerBrokerApis } from './broker-apis';
import { registerGroupApis } from './group-apis';
import { GroupCoordinatorManager } from './group-coordinator-manager';
import { OffsetsTopic } from './offsets-topic';
import { registerTransactionApis } from './transaction-apis';
import { TransactionCoordinatorManager } from './transaction-coordinator-manager';
import { TransactionStateTopic } from './transaction-state-topic';
import { TxnMarkerChannel } from './txn-marker-channel';
import { TxnPartitionVerifier } from './txn-partition-verifier';
import { BrokerLifecycle } from './broker-lifecycle';
import type { BrokerProcessConfig } from './broker-process-config';
import type { ControllerChannel } from './controller-channel';
import { ControllerLink } from './controller-link';
import { DEFAULT_RETENTION_CHECK_INTERVAL_MS, LogRetentionScheduler } from './log-retention-scheduler';
import { DEFAULT_CLEANER_BACKOFF_MS, LogCleanerScheduler } from './log-cleaner-scheduler';
import { MetadataCache } from './metadata-cache';
import { MetadataFollower, type MetadataSource } from './metadata-follower';
import { ProducerIdManager } from './producer-id-manager';
import { RemoteControllerChannel } from './remote-controller-channel';
import { ReplicaManager } from './replica-manager';
import { ReplicaFetcherManager } from './replica-fetcher-manager';
import { IsrChangeSender } from './isr-change-sender';

export const LISTENER_NAME = 'PLAINTEXT';
const DEFAULT_SOCKET_REQUEST_MAX_BYTES = 104_857_600;
const REGISTRATION_TIMEOUT_MS = 30_000;

export interface BrokerServerOptions {
  nodeId: number;
  /** DATA/broker-<id> */
  logDir: string;
  host: string;
  port: number;
  clusterId: string;
  metadata: MetadataSource;
  controller: ControllerChannel;
  staticConfig: StaticBrokerConfig;
  logger: Logger;
  clock: Clock;
  /** Wraps accepted sockets (the broker process's fault table). */
  socketHook?: SocketHook;
  /** Told (file, length) after each fsync, for the host's power-loss switch. */
  onDurable?: DurableListener;
}

/** What a broker process hands its server beyond the config: faults in, durability out (DESIGN decision 7). */
export interface BrokerProcessHooks {
  socketHook?: SocketHook;
  onDurable?: DurableListener;
}

/**
 * One broker (Kafka's BrokerServer): its log folder, its partitions, and the socket server that
 * answers clients. It follows the controller's metadata and reaches the controller for writes.
 */
export class BrokerServer {
  private unsubscribe: (() => void) | null = null;
  private retention: LogRetentionScheduler | null = null;
  private cleaner: LogCleanerScheduler | null = null;
  private groupCoordinators: GroupCoordinatorManager | null = null;
  private txnCoordinators: TransactionCoordinatorManager | null = null;
  private markerChannel: TxnMarkerChannel | null = null;
  private lifecycle: BrokerLifecycle | null = null;
  private follower: MetadataFollower | null = null;
  private links: ControllerLink[] = [];
  private stopped = false;

  private constructor(
    readonly nodeId: number,
    private readonly options: BrokerServerOptions,
    private readonly logManager: LogManager,
    readonly replicaManager: ReplicaManager,
    readonly metadata: MetadataCache,
    readonly producerIds: ProducerIdManager,
    private readonly socketServer: SocketServer,
  ) {}

  /** A broker process: follow the controller's metadata, serve, register, and get unfenced. */
  static async startProcess(config: BrokerProcessConfig, logger: Logger, hooks: BrokerProcessHooks = {}): Promise<BrokerServer> {
    // Two connections, as Kafka has: the metadata fetch long-polls, and a connection serves one
    // request at a time, so registration and heartbeats must not queue behind it.
    const link = new ControllerLink(config.controller, config.nodeId, logger);
    const metadataLink = new ControllerLink(config.controller, config.nodeId, logger);
    const follower = new MetadataFollower(metadataLink, config.nodeId, logger);
    follower.start();
    await follower.caughtUpTo(0);
    const clusterId = follower.image().clusterId;
    if (clusterId === null) throw new Error('the controller sent no cluster id');
    const broker = await BrokerServer.start({
      nodeId: config.nodeId,
      logDir: config.logDir,
      host: config.host,
      port: config.port,
      clusterId,
      metadata: follower,
      controller: new RemoteControllerChannel(link, follower, config.staticConfig),
      staticConfig: config.staticConfig,
      logger,
      clock: systemClock,
      ...hooks,
    });
    broker.follower = follower;
    broker.links = [link, metadataLink];
    try {
      const heartbeatIntervalMs = Number(effectiveBrokerConfig(follower.image(), config.staticConfig, 'broker.heartbeat.interval.ms') ?? 2000);
      const lifecycle = new BrokerLifecycle(link, follower, {
        nodeId: config.nodeId,
        // Kafka's advertised.listeners: clients learn this host from Metadata and FindCoordinator.
        listeners: [{ name: LISTENER_NAME, host: config.advertisedHost ?? config.host, port: broker.port }],
        heartbeatIntervalMs,
        logger,
      });
      broker.lifecycle = lifecycle;
      await lifecycle.start(REGISTRATION_TIMEOUT_MS);
      broker.producerIds.brokerEpoch = lifecycle.epoch;
      const advertised = config.advertisedHost === undefined ? '' : `, advertised as ${config.advertisedHost}:${broker.port}`;
      logger.info(`serving on ${config.host}:${broker.port}${advertised} (broker epoch ${lifecycle.epoch})`);
      return broker;
    } catch (err) {
      await broker.stop({ controlledShutdownTimeoutMs: 0 });
      throw err;
    }
  }

  static async start(options: BrokerServerOptions): Promise<BrokerServer> {
    const { controller, staticConfig, nodeId, metadata: source } = options;
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
      clusterId: options.clusterId,
      clock: options.clock,
      logger,
      configFor: (topic) => logConfigFor(topic, source.image()),
      producerStateConfig: producerStateConfigFrom((name) => staticConfig[name]),
      onDurable: options.onDurable,
    });
    const metadata = new MetadataCache(source.image(), LISTENER_NAME);
    const replicaManager = new ReplicaManager({ nodeId, logManager, logger, clock: options.clock, logConfigFor });
    const producerIds = new ProducerIdManager({ brokerId: nodeId, channel: controller, logger });
    const brokerConfig = (name: string): string | null => effectiveBrokerConfig(metadata.image, staticConfig, name);
    const router = new RequestRouter(logger);
    const offsetsTopic = new OffsetsTopic({ metadata, controller, brokerConfig, logger });
    const groupCoordinators = new GroupCoordinatorManager({ replicaManager, offsetsTopic, brokerConfig, clock: options.clock, logger });
    const transactionStateTopic = new TransactionStateTopic({ metadata, controller, brokerConfig, logger });
    const markerChannel = new TxnMarkerChannel({ nodeId, metadata, logger, bindHost: options.host });
    const txnCoordinators = new TransactionCoordinatorManager({
      replicaManager,
      topic: transactionStateTopic,
      offsetsTopic,
      producerIds,
      markers: markerChannel,
      brokerConfig,
      clock: options.clock,
      logger,
    });
    registerBrokerApis(router, {
      nodeId,
      logDir: options.logDir,
      logger,
      metadata,
      replicaManager,
      logManager,
      controller,
      producerIds,
      transactions: txnCoordinators,
      txnVerifier: new TxnPartitionVerifier({
        nodeId,
        metadata,
        topic: transactionStateTopic,
        local: txnCoordinators,
        connections: markerChannel,
        enabled: () => brokerConfig('transaction.partition.verification.enable') !== 'false',
        logger,
      }),
      brokerConfig,
    });
    registerGroupApis(router, groupCoordinators, metadata, transactionStateTopic);
    registerTransactionApis(router, { transactions: txnCoordinators, groups: groupCoordinators, replicaManager, metadata, clock: options.clock, logger });
    const socketServer = new SocketServer({
      host: options.host,
      port: options.port,
      maxRequestBytes: Number(brokerConfig('socket.request.max.bytes') ?? DEFAULT_SOCKET_REQUEST_MAX_BYTES),
      logger,
      handler: router.handleFrame,
      socketHook: options.socketHook,
    });
    const broker = new BrokerServer(nodeId, options, logManager, replicaManager, metadata, producerIds, socketServer);
    broker.groupCoordinators = groupCoordinators;
    broker.txnCoordinators = txnCoordinators;
    broker.markerChannel = markerChannel;
    try {
      broker.unsubscribe = source.onChange((delta, image) => {
        metadata.update(image);
        replicaManager.applyDelta(delta, image);
        groupCoordinators.onMetadataUpdate();
        txnCoordinators.onMetadataUpdate();
      });
      replicaManager.applyImage(source.image());
      groupCoordinators.onMetadataUpdate();
      txnCoordinators.onMetadataUpdate();
      broker.retention = new LogRetentionScheduler({
        logs: () => logManager.allLogs(),
        clock: options.clock,
        logger,
        checkIntervalMs: Number(brokerConfig('log.retention.check.interval.ms') ?? DEFAULT_RETENTION_CHECK_INTERVAL_MS),
      });
      broker.retention.start();
      if (brokerConfig('log.cleaner.enable') !== 'false') {
        broker.cleaner = new LogCleanerScheduler({
          logs: () => logManager.allLogs(),
          brokerDir: options.logDir,
          clock: options.clock,
          logger,
          backoffMs: Number(brokerConfig('log.cleaner.backoff.ms') ?? DEFAULT_CLEANER_BACKOFF_MS),
          dedupeBufferSize: Number(brokerConfig('log.cleaner.dedupe.buffer.size') ?? 134_217_728),
          loadFactor: Number(brokerConfig('log.cleaner.io.buffer.load.factor') ?? 0.9),
          onDurable: options.onDurable,
        });
        broker.cleaner.start();
      }
      replicaManager.startReplication({
        fetchers: new ReplicaFetcherManager({
          nodeId,
          brokerEpoch: () => broker.lifecycle?.epoch ?? -1,
          image: () => metadata.image,
          logger,
          config: {
            maxWaitMs: Number(brokerConfig('replica.fetch.wait.max.ms') ?? 500),
            partitionMaxBytes: Number(brokerConfig('replica.fetch.max.bytes') ?? 1_048_576),
            responseMaxBytes: Number(brokerConfig('replica.fetch.response.max.bytes') ?? 10_485_760),
            backoffMs: Number(brokerConfig('replica.fetch.backoff.ms') ?? 1000),
          },
          onProgress: (partition) => replicaManager.highWatermarkMayHaveMoved(partition),
          bindHost: options.host,
        }),
        isrSender: new IsrChangeSender(controller, nodeId, () => broker.lifecycle?.epoch ?? -1, logger, (partition) =>
          replicaManager.highWatermarkMayHaveMoved(partition),
        ),
        replicaLagTimeMaxMs: Number(brokerConfig('replica.lag.time.max.ms') ?? 30_000),
      });
      await socketServer.start();
      return broker;
    } catch (err) {
      await broker.stop({ controlledShutdownTimeoutMs: 0 });
      throw err;
    }
  }

  get port(): number {
    return this.socketServer.port;
  }

  get bootstrap(): string {
    return `${this.options.host}:${this.port}`;
  }

  /**
   * Stops the broker. With a controlled-shutdown timeout the controller first moves its
   * leaderships away (clients fail over before the sockets close); then requests stop, waiting
   * fetches are answered, and the logs are flushed and checkpointed.
   */
  async stop(options: { controlledShutdownTimeoutMs: number } = { controlledShutdownTimeoutMs: 0 }): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.lifecycle && options.controlledShutdownTimeoutMs > 0) {
      await this.lifecycle.controlledShutdown(options.controlledShutdownTimeoutMs);
    }
    this.lifecycle?.stop();
    this.follower?.stop();
    this.unsubscribe?.();
    this.retention?.stop();
    await this.cleaner?.stop();
    this.groupCoordinators?.shutdown();
    this.txnCoordinators?.shutdown();
    this.markerChannel?.close();
    this.replicaManager.shutdown();
    await this.socketServer.close();
    for (const link of this.links) link.close();
    this.logManager.close({ brokerEpoch: this.lifecycle?.epoch });
  }
}
