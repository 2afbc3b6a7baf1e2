import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock, type Clock } from '../clock';
import type { LogLevel, Logger } from '../logger';
import { Controller } from '../controller/controller';
import { effectiveBrokerConfig, type StaticBrokerConfig } from '../controller/config-resolver';
import { ControllerServer } from '../controller/rpc/controller-server';
import { brokerEntryPath } from './broker-entry';
import { BrokerProcess } from './broker-process';
import { embeddedBrokerDefaults } from './embedded-defaults';
import { endStaleBrokers } from './stale-brokers';

export interface EngineHostOptions {
  dataDir: string;
  brokerCount: number;
  /** First broker's port; the next brokers take the following ports. 0 lets the OS pick each. */
  firstPort: number;
  /** Broker configs as server.properties would set them (STATIC_BROKER_CONFIG), over the embedded defaults. */
  configOverrides: StaticBrokerConfig;
  logger: Logger;
  logLevel?: LogLevel;
  clock?: Clock;
  brokerStartTimeoutMs?: number;
}

export const CONTROLLER_DIR = 'controller';
/** Broker ids start at 1; broker N listens on firstPort + N - 1. */
export const FIRST_BROKER_ID = 1;
const LOOPBACK = '127.0.0.1';

/**
 * The engine host (DESIGN decision 5): it runs the controller and its listener in this process and
 * forks one OS process per broker, which reach the controller over Kafka's protocol.
 */
export class EngineHost {
  private constructor(
    readonly dataDir: string,
    private readonly controller: Controller,
    private readonly controllerServer: ControllerServer,
    readonly brokers: BrokerProcess[],
    readonly staticConfig: StaticBrokerConfig,
    private readonly logger: Logger,
  ) {}

  static async start(options: EngineHostOptions): Promise<EngineHost> {
    mkdirSync(options.dataDir, { recursive: true });
    const clock = options.clock ?? systemClock;
    const logger = options.logger;
    const staticConfig: StaticBrokerConfig = { ...embeddedBrokerDefaults(options.brokerCount), ...options.configOverrides };
    await endStaleBrokers(options.dataDir, logger);
    const entry = brokerEntryPath();
    const controller = await Controller.open(join(options.dataDir, CONTROLLER_DIR), {
      clock,
      logger,
      defaults: { brokerConfig: staticConfig },
    });
    const sessionTimeoutMs = Number(effectiveBrokerConfig(controller.image(), staticConfig, 'broker.session.timeout.ms') ?? 9000);
    const controllerServer = await ControllerServer.start({ controller, host: LOOPBACK, port: 0, sessionTimeoutMs, staticConfig, clock, logger });
    const brokers = Array.from({ length: options.brokerCount }, (_, i) => {
      const nodeId = FIRST_BROKER_ID + i;
      return new BrokerProcess(
        {
          nodeId,
          logDir: join(options.dataDir, `broker-${nodeId}`),
          host: LOOPBACK,
          port: options.firstPort === 0 ? 0 : options.firstPort + i,
          controller: { host: LOOPBACK, port: controllerServer.port },
          staticConfig,
          hostPid: process.pid,
          logLevel: options.logLevel ?? 'info',
        },
        entry,
        logger,
      );
    });
    const host = new EngineHost(options.dataDir, controller, controllerServer, brokers, staticConfig, logger);
    try {
      await Promise.all(brokers.map((b) => b.start(options.brokerStartTimeoutMs ?? 30_000)));
    } catch (err) {
      await host.stop();
      throw err;
    }
    return host;
  }

  get clusterId(): string {
    return this.controller.clusterId;
  }

  get bootstrapServers(): string {
    return this.brokers.map((b) => `${LOOPBACK}:${b.port}`).join(',');
  }

  broker(nodeId: number): BrokerProcess | undefined {
    return this.brokers.find((b) => b.nodeId === nodeId);
  }

  /** Stops every broker with a controlled shutdown (the controller must outlive them), then the controller. */
  async stop(): Promise<void> {
    await Promise.all(
      this.brokers.map((b) =>
        b.stop().catch((err: unknown) => this.logger.error(`stopping broker ${b.nodeId} failed: ${err instanceof Error ? err.message : String(err)}`)),
      ),
    );
    await this.controllerServer.stop();
    await this.controller.close();
  }
}
