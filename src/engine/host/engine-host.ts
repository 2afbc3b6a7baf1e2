import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock, type Clock } from '../clock';
import type { Logger } from '../logger';
import { Controller } from '../controller/controller';
import type { StaticBrokerConfig } from '../controller/config-resolver';
import { BrokerServer, brokerLogDir } from '../broker/broker-server';

export interface EngineHostOptions {
  dataDir: string;
  brokerCount: number;
  /** First broker's port; the next brokers take the following ports. 0 lets the OS pick each. */
  firstPort: number;
  /** Broker configs as server.properties would set them (STATIC_BROKER_CONFIG). */
  configOverrides: StaticBrokerConfig;
  logger: Logger;
  clock?: Clock;
}

export const CONTROLLER_DIR = 'controller';
/** Broker ids start at 1; broker N listens on firstPort + N - 1. */
export const FIRST_BROKER_ID = 1;

/**
 * The engine host: the controller and the brokers of the embedded cluster. In this first form the
 * brokers run inside the host's process and call the controller directly; the cluster issue forks
 * one process per broker and puts Kafka RPCs between them.
 */
export class EngineHost {
  private constructor(
    readonly dataDir: string,
    private readonly controller: Controller,
    readonly brokers: BrokerServer[],
    private readonly logger: Logger,
  ) {}

  static async start(options: EngineHostOptions): Promise<EngineHost> {
    mkdirSync(options.dataDir, { recursive: true });
    const clock = options.clock ?? systemClock;
    const controller = await Controller.open(join(options.dataDir, CONTROLLER_DIR), {
      clock,
      logger: options.logger,
      defaults: { brokerConfig: options.configOverrides },
    });
    const brokers: BrokerServer[] = [];
    try {
      for (let i = 0; i < options.brokerCount; i++) {
        const nodeId = FIRST_BROKER_ID + i;
        brokers.push(
          await BrokerServer.start({
            nodeId,
            logDir: brokerLogDir(options.dataDir, nodeId),
            host: '127.0.0.1',
            port: options.firstPort === 0 ? 0 : options.firstPort + i,
            controller,
            staticConfig: options.configOverrides,
            logger: options.logger,
            clock,
          }),
        );
      }
    } catch (err) {
      for (const broker of brokers) await broker.stop();
      await controller.close();
      throw err;
    }
    return new EngineHost(options.dataDir, controller, brokers, options.logger);
  }

  get clusterId(): string {
    return this.controller.clusterId;
  }

  get bootstrapServers(): string {
    return this.brokers.map((b) => b.bootstrap).join(',');
  }

  async stop(): Promise<void> {
    for (const broker of this.brokers) {
      try {
        await broker.stop();
      } catch (err) {
        this.logger.error(`stopping broker ${broker.nodeId} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    await this.controller.close();
  }
}
