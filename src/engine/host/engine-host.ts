import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock, type Clock } from '../clock';
import type { LogLevel, Logger } from '../logger';
import { Controller } from '../controller/controller';
import { effectiveBrokerConfig, type StaticBrokerConfig } from '../controller/config-resolver';
import { ControllerServer } from '../controller/rpc/controller-server';
import { brokerEntryPath } from './broker-entry';
import { BrokerProcess, type BrokerProcessState } from './broker-process';
import { embeddedBrokerDefaults } from './embedded-defaults';
import { endStaleBrokers } from './stale-brokers';
import type { EngineClusterState } from '../../shared/engine-types';
import { brokerStateOf, brokerStatus, engineClusterState } from './cluster-state';
import { ClusterSupervisor } from './cluster-supervisor';
import type { EngineClusterControl } from './engine-control';
import { EngineEventLog, metadataEvents } from './engine-events';
import { NetworkFaults } from './network-faults';
import { startOrphanWatchdog, writeBrokerPids } from './orphan-watchdog';
import { addBroker, removeBroker, type MembershipContext } from './broker-membership';
import { PAUSE_SIMULATED } from './broker-process';
import { lockDataFolder, type DataFolderLock } from './data-folder-lock';
import { resolveFirstBrokerId } from './broker-ids';

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
  /** The id of the first broker; the next ones count up from it (default 1, or what the folder holds). */
  firstBrokerId?: number;
  /** The host brokers advertise to clients (Kafka's advertised.listeners); they bind 127.0.0.1 whatever it is. */
  advertisedHost?: string;
  /** The folder's host lock when the caller took it already (the CLI does, before it checks ports). */
  lock?: DataFolderLock;
}

export const CONTROLLER_DIR = 'controller';
const LOOPBACK = '127.0.0.1';

/**
 * The engine host (DESIGN decision 5): it runs the controller and its listener in this process and
 * forks one OS process per broker, which reach the controller over Kafka's protocol.
 */
export class EngineHost {
  readonly network = new NetworkFaults();
  readonly events: EngineEventLog;
  readonly supervisor: ClusterSupervisor;
  readonly brokers: BrokerProcess[] = [];
  private watchdog: ChildProcess | null = null;
  private unsubscribeMetadata: () => void = () => undefined;
  private makeBroker: (nodeId: number) => BrokerProcess = () => {
    throw new Error('the engine host has not started');
  };

  private constructor(
    readonly dataDir: string,
    private readonly controller: Controller,
    private readonly controllerServer: ControllerServer,
    readonly staticConfig: StaticBrokerConfig,
    private readonly sessionTimeoutMs: number,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly brokerStartTimeoutMs: number,
    private readonly lock: DataFolderLock,
    readonly firstBrokerId: number,
  ) {
    this.events = new EngineEventLog(clock);
    this.supervisor = new ClusterSupervisor({
      brokers: this.brokers,
      network: this.network,
      events: this.events,
      controllerPort: controllerServer.port,
      brokerStartTimeoutMs,
      logger,
      status: (b) => brokerStatus(b, { image: controller.image(), network: this.network, pauseSimulated: PAUSE_SIMULATED }),
    });
  }

  /** A broker's process changed state: record it for the watchdog and tell the event stream. */
  private onBrokerState(broker: BrokerProcess, previous: BrokerProcessState): void {
    writeBrokerPids(this.dataDir, this.brokers.flatMap((b) => (b.pid === undefined ? [] : [b.pid])));
    const isolated = this.network.isolationOf(broker.nodeId) !== null;
    const from = brokerStateOf(previous, isolated);
    const to = brokerStateOf(broker.state, isolated);
    if (from !== to) this.events.append({ kind: 'broker-state', brokerId: broker.nodeId, from, to, message: `broker ${broker.nodeId}: ${from} → ${to}` });
  }

  /** Takes the folder's host lock (unless given), then starts; the lock is released when start fails. */
  static async start(options: EngineHostOptions): Promise<EngineHost> {
    const lock = options.lock ?? (await lockDataFolder(options.dataDir));
    try {
      return await EngineHost.startLocked(options, lock);
    } catch (err) {
      await lock.release();
      throw err;
    }
  }

  private static async startLocked(options: EngineHostOptions, lock: DataFolderLock): Promise<EngineHost> {
    mkdirSync(options.dataDir, { recursive: true });
    const firstBrokerId = resolveFirstBrokerId(options.dataDir, options.firstBrokerId);
    const clock = options.clock ?? systemClock;
    const logger = options.logger;
    const staticConfig: StaticBrokerConfig = { ...embeddedBrokerDefaults(options.brokerCount), ...options.configOverrides };
    const startTimeoutMs = options.brokerStartTimeoutMs ?? 30_000;
    await endStaleBrokers(options.dataDir, logger);
    const entry = brokerEntryPath();
    // Bind the controller's listener first and fork the brokers at once: their Node start-up (the
    // larger part of start time) overlaps the controller loading its log; early requests wait.
    const controllerServer = await ControllerServer.bind({ host: LOOPBACK, port: 0, logger });
    let host: EngineHost | undefined;
    const makeBroker = (nodeId: number, port: number): BrokerProcess =>
      new BrokerProcess(
        {
          nodeId,
          logDir: join(options.dataDir, `broker-${nodeId}`),
          host: LOOPBACK,
          ...(options.advertisedHost === undefined ? {} : { advertisedHost: options.advertisedHost }),
          port,
          controller: { host: LOOPBACK, port: controllerServer.port },
          staticConfig,
          hostPid: process.pid,
          logLevel: options.logLevel ?? 'info',
        },
        entry,
        logger,
        (b, previous) => host?.onBrokerState(b, previous),
      );
    const brokers = Array.from({ length: options.brokerCount }, (_, i) =>
      makeBroker(firstBrokerId + i, options.firstPort === 0 ? 0 : options.firstPort + i),
    );
    const ready = brokers.map((b) => b.start(startTimeoutMs));
    // Whatever fails below must not leave forked brokers behind.
    ready.forEach((p) => p.catch(() => undefined));
    let controller: Controller;
    try {
      controller = await Controller.open(join(options.dataDir, CONTROLLER_DIR), {
        clock,
        logger,
        defaults: { brokerConfig: staticConfig },
      });
    } catch (err) {
      await Promise.all(brokers.map((b) => b.kill()));
      await controllerServer.stop();
      throw err;
    }
    const sessionTimeoutMs = Number(effectiveBrokerConfig(controller.image(), staticConfig, 'broker.session.timeout.ms') ?? 9000);
    controllerServer.attach({ controller, sessionTimeoutMs, staticConfig, clock, logger });
    host = new EngineHost(options.dataDir, controller, controllerServer, staticConfig, sessionTimeoutMs, clock, logger, startTimeoutMs, lock, firstBrokerId);
    host.brokers.push(...brokers);
    // An added broker takes the port after the highest one, or any free port with --port 0.
    host.makeBroker = (nodeId) => makeBroker(nodeId, options.firstPort === 0 ? 0 : Math.max(...host!.brokers.map((b) => b.port)) + 1);
    writeBrokerPids(options.dataDir, brokers.flatMap((b) => (b.pid === undefined ? [] : [b.pid])));
    host.unsubscribeMetadata = controller.onChange((delta) => {
      for (const event of metadataEvents(delta)) host?.events.append(event);
    });
    host.watchdog = startOrphanWatchdog(options.dataDir, logger);
    try {
      await Promise.all(ready);
      // Every broker's port is known now: each learns its peers' (to tell dialled links apart).
      host.supervisor.pushFaults();
    } catch (err) {
      await host.stop({ keepLock: true });
      throw err;
    }
    return host;
  }

  get clusterId(): string {
    return this.controller.clusterId;
  }

  get bootstrapServers(): string {
    return this.brokers.map((b) => `${b.config.advertisedHost ?? LOOPBACK}:${b.port}`).join(',');
  }

  broker(nodeId: number): BrokerProcess | undefined {
    return this.brokers.find((b) => b.nodeId === nodeId);
  }

  /** The cluster as the engine sees it: controller view, replicas' offsets, processes and faults. */
  state(): EngineClusterState {
    return engineClusterState({
      clusterId: this.controller.clusterId,
      dataDir: this.dataDir,
      image: this.controller.image(),
      sessionTimeoutMs: this.sessionTimeoutMs,
      fsyncOnWrite: this.fsyncOnWrite(),
      defaults: {
        replicationFactor: Number(effectiveBrokerConfig(this.controller.image(), this.staticConfig, 'default.replication.factor') ?? 1),
        minInsyncReplicas: Number(effectiveBrokerConfig(this.controller.image(), this.staticConfig, 'min.insync.replicas') ?? 1),
      },
      pauseSimulated: PAUSE_SIMULATED,
      brokers: this.brokers,
      network: this.network,
      nowMs: this.clock.now(),
    });
  }

  /** Adds a broker to the running cluster (the next id); resolves once it serves. */
  addBroker(): Promise<BrokerProcess> {
    return addBroker(this.membership());
  }

  /** Moves broker `nodeId`'s replicas away, then stops and unregisters it; refused when that cannot keep every RF. */
  removeBroker(nodeId: number): Promise<string> {
    return removeBroker(this.membership(), nodeId);
  }

  private membership(): MembershipContext {
    return {
      controller: this.controller,
      brokers: this.brokers,
      events: this.events,
      logger: this.logger,
      startTimeoutMs: this.brokerStartTimeoutMs,
      firstBrokerId: this.firstBrokerId,
      makeBroker: (nodeId) => this.makeBroker(nodeId),
      brokersChanged: () => {
        writeBrokerPids(this.dataDir, this.brokers.flatMap((b) => (b.pid === undefined ? [] : [b.pid])));
        this.supervisor.pushFaults();
      },
    };
  }

  /** The switches and views the console reaches through EngineControl. */
  get control(): EngineClusterControl {
    return {
      state: () => this.state(),
      brokerAction: (id, action, options) => this.supervisor.brokerAction(id, action, options),
      setLatency: (id, latency) => this.supervisor.setLatency(id, latency),
      linkAction: async (a, b, action, options) => this.supervisor.linkAction(a, b, action, options),
      addBroker: async () => {
        const broker = await this.addBroker();
        const status = brokerStatus(broker, { image: this.controller.image(), network: this.network, pauseSimulated: PAUSE_SIMULATED });
        return { broker: status, detail: `broker ${broker.nodeId} added on port ${broker.port}` };
      },
      removeBroker: async (id) => ({ id, detail: await this.removeBroker(id) }),
      events: (afterSeq, limit) => this.events.since(afterSeq, limit),
      onEvent: (listener) => this.events.subscribe(listener),
      appendEvent: (draft) => this.events.append(draft),
    };
  }

  /**
   * The drop-produce-responses fault of one broker (experiments). Not in the event log yet: the
   * console has no sentence for it; the experiment report lists it with the steps it fired.
   */
  dropProduceResponses(id: number, count: number): string {
    const broker = this.brokers.find((b) => b.nodeId === id);
    if (!broker) throw new Error(`there is no broker ${id}`);
    broker.dropProduceResponses(count);
    return `the next ${count} produce response(s) of broker ${id} will be dropped after their append`;
  }

  /** Whether the cluster-wide defaults make brokers fsync on their own (Kafka's default: never). */
  private fsyncOnWrite(): boolean {
    const image = this.controller.image();
    const set = (name: string): number | null => {
      const v = effectiveBrokerConfig(image, this.staticConfig, name);
      return v === null ? null : Number(v);
    };
    const never = 2 ** 62;
    const messages = set('log.flush.interval.messages');
    const ms = set('log.flush.interval.ms') ?? set('log.flush.scheduler.interval.ms');
    return (messages !== null && messages < never) || (ms !== null && ms < never);
  }

  /** Stops every broker with a controlled shutdown (the controller must outlive them), then the controller. */
  async stop(options: { keepLock?: boolean } = {}): Promise<void> {
    await Promise.all(
      this.brokers.map((b) =>
        b.stop().catch((err: unknown) => this.logger.error(`stopping broker ${b.nodeId} failed: ${err instanceof Error ? err.message : String(err)}`)),
      ),
    );
    this.unsubscribeMetadata();
    await this.controllerServer.stop();
    await this.controller.close();
    // The brokers are gone: the watchdog (ours, by its pid) has nothing left to guard.
    this.watchdog?.kill('SIGKILL');
    this.watchdog = null;
    // Last: no process of this host touches the folder any more.
    if (!options.keepLock) await this.lock.release();
  }
}
