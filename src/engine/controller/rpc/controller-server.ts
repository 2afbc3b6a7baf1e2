import type { Clock } from '../../clock';
import { childLogger, type Logger } from '../../logger';
import { apiVersionsHandler } from '../../network/api-versions-handler';
import { DelayedOperationPurgatory } from '../../network/delayed-operation-purgatory';
import { RequestRouter } from '../../network/request-router';
import { SocketServer } from '../../network/socket-server';
import { createTopicsHandler } from '../../broker/handlers/19-create-topics';
import { deleteTopicsHandler } from '../../broker/handlers/20-delete-topics';
import { alterConfigsHandler } from '../../broker/handlers/33-alter-configs';
import { createPartitionsHandler } from '../../broker/handlers/37-create-partitions';
import { incrementalAlterConfigsHandler } from '../../broker/handlers/44-incremental-alter-configs';
import { electLeadersHandler } from '../../broker/handlers/43-elect-leaders';
import { LeaderBalancer } from './leader-balancer';
import { alterPartitionReassignmentsHandler, listPartitionReassignmentsHandler } from './partition-reassignments-handlers';
import type { Controller } from '../controller';
import type { StaticBrokerConfig } from '../config-resolver';
import { allocateProducerIdsHandler } from './allocate-producer-ids-handler';
import { alterPartitionHandler } from './alter-partition-handler';
import { BrokerLiveness } from './broker-liveness';
import { brokerHeartbeatHandler } from './broker-heartbeat-handler';
import { brokerRegistrationHandler } from './broker-registration-handler';
import { METADATA_WATCH_KEY, metadataFetchHandler } from './metadata-fetch-handler';

export interface ControllerServerOptions {
  controller: Controller;
  host: string;
  port: number;
  /** broker.session.timeout.ms */
  sessionTimeoutMs: number;
  staticConfig: StaticBrokerConfig;
  clock: Clock;
  logger: Logger;
}

/**
 * The controller's listener: brokers register, heartbeat, fetch the metadata log, get producer id
 * blocks and forward admin writes here, over Kafka's protocol on loopback — so cutting a broker's
 * sockets cuts its controller link like any other (DESIGN decision 6).
 */
export class ControllerServer {
  private liveness: BrokerLiveness | null = null;
  private purgatory: DelayedOperationPurgatory | null = null;
  private detach: () => void = () => undefined;
  private attachRouter!: (router: RequestRouter) => void;
  /** Requests that arrive before the controller is attached wait here (brokers may boot faster). */
  private readonly router: Promise<RequestRouter> = new Promise((resolve) => (this.attachRouter = resolve));

  private constructor(private readonly socketServer: SocketServer) {}

  /**
   * Binds the listener before the controller has loaded its log, so the host can fork brokers with
   * the address at once and their start-up overlaps the controller's; `attach` then serves them.
   */
  static async bind(options: { host: string; port: number; logger: Logger }): Promise<ControllerServer> {
    const logger = childLogger(options.logger, '[controller]');
    let server: ControllerServer | null = null;
    const socketServer = new SocketServer({
      host: options.host,
      port: options.port,
      maxRequestBytes: 104_857_600,
      logger,
      handler: async (frame, connection) => (await (server as ControllerServer).router).handleFrame(frame, connection),
    });
    server = new ControllerServer(socketServer);
    await socketServer.start();
    return server;
  }

  static async start(options: ControllerServerOptions): Promise<ControllerServer> {
    const server = await ControllerServer.bind(options);
    server.attach(options);
    return server;
  }

  attach(options: Omit<ControllerServerOptions, 'host' | 'port'>): void {
    const { controller } = options;
    const logger = childLogger(options.logger, '[controller]');
    const liveness = new BrokerLiveness(controller, options.clock, options.sessionTimeoutMs, logger);
    const purgatory = new DelayedOperationPurgatory();
    const router = new RequestRouter(logger);
    router
      .register(apiVersionsHandler(() => router.advertised()))
      .register(brokerRegistrationHandler(controller, liveness))
      .register(brokerHeartbeatHandler(controller, liveness))
      .register(allocateProducerIdsHandler(controller))
      .register(alterPartitionHandler(controller))
      .register(metadataFetchHandler(controller, purgatory))
      .register(createTopicsHandler(controller))
      .register(deleteTopicsHandler(controller))
      .register(createPartitionsHandler(controller))
      // Brokers checked the broker ids of BROKER resources before forwarding; any id is fine here.
      .register(alterConfigsHandler({ controller, nodeId: null }))
      .register(incrementalAlterConfigsHandler({ controller, nodeId: null }))
      .register(electLeadersHandler(controller))
      .register(alterPartitionReassignmentsHandler(controller))
      .register(listPartitionReassignmentsHandler(controller));
    const unsubscribe = controller.onChange(() => purgatory.checkAndComplete(METADATA_WATCH_KEY));
    liveness.start();
    const balancer = new LeaderBalancer(controller, options.staticConfig, logger);
    balancer.start();
    this.liveness = liveness;
    this.purgatory = purgatory;
    this.detach = () => {
      unsubscribe();
      balancer.stop();
    };
    this.attachRouter(router);
  }

  get port(): number {
    return this.socketServer.port;
  }

  get brokerLiveness(): BrokerLiveness | null {
    return this.liveness;
  }

  async stop(): Promise<void> {
    this.liveness?.stop();
    this.detach();
    this.purgatory?.expireAll();
    await this.socketServer.close();
  }
}
