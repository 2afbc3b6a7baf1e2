// The fault switches of the embedded cluster (issue 4): per broker kill, stop, start, restart,
// pause/resume, isolate/heal, latency and power loss; per link cut/heal. Process switches are real
// signals (broker-process.ts); network switches are tables each broker applies in its own socket
// layer (DESIGN decision 7). Actions on one broker run one at a time.
import { ApiErrorName, ConsoleApiError } from '../../shared/console-errors';
import type { BrokerAction, BrokerActionResult, EngineBrokerStatus, FaultMode, LatencyView, LinkAction, LinkActionResult } from '../../shared/engine-types';
import type { Logger } from '../logger';
import { PAUSE_SIMULATED, type BrokerProcess } from './broker-process';
import type { EngineEventLog } from './engine-events';
import type { NetworkFaults } from './network-faults';

export interface ClusterSupervisorOptions {
  brokers: readonly BrokerProcess[];
  network: NetworkFaults;
  events: EngineEventLog;
  controllerPort: number;
  brokerStartTimeoutMs: number;
  logger: Logger;
  /** The broker as the console shows it, after an action. */
  status: (broker: BrokerProcess) => EngineBrokerStatus;
}

function refuse(message: string): never {
  throw new ConsoleApiError(ApiErrorName.CONFLICT, message);
}

export class ClusterSupervisor {
  private readonly queues = new Map<number, Promise<unknown>>();

  constructor(private readonly options: ClusterSupervisorOptions) {}

  broker(id: number): BrokerProcess {
    const broker = this.options.brokers.find((b) => b.nodeId === id);
    if (!broker) {
      const ids = this.options.brokers.map((b) => b.nodeId).join(', ');
      throw new ConsoleApiError(ApiErrorName.NOT_FOUND, `there is no broker ${id} (the brokers are ${ids})`);
    }
    return broker;
  }

  brokerAction(id: number, action: BrokerAction, options: { mode?: FaultMode } = {}): Promise<BrokerActionResult> {
    const broker = this.broker(id);
    return this.serialized(id, async () => {
      const detail = await this.apply(broker, action, options);
      this.options.logger.info(`broker ${id}: ${action} (${detail})`);
      this.options.events.append({ kind: 'fault', action, brokers: [id], detail, message: `broker ${id}: ${action} — ${detail}` });
      return { broker: this.options.status(broker), detail };
    });
  }

  setLatency(id: number, latency: LatencyView): Promise<BrokerActionResult> {
    const broker = this.broker(id);
    return this.serialized(id, async () => {
      this.options.network.setLatency(id, latency);
      this.pushFaults([id]);
      const detail = `in ${latency.inMs} ms, out ${latency.outMs} ms`;
      this.options.events.append({ kind: 'fault', action: 'latency', brokers: [id], detail, message: `broker ${id}: latency ${detail}` });
      return { broker: this.options.status(broker), detail };
    });
  }

  linkAction(a: number, b: number, action: LinkAction, options: { mode?: FaultMode } = {}): LinkActionResult {
    this.broker(a);
    this.broker(b);
    if (a === b) throw new ConsoleApiError(ApiErrorName.INVALID_REQUEST, `a link joins two different brokers, got ${a} and ${b}`);
    const mode = options.mode ?? 'blackhole';
    let detail: string;
    if (action === 'cut') {
      this.options.network.cut(a, b, mode);
      detail = mode;
    } else {
      detail = this.options.network.healLink(a, b) ? 'healed' : 'was not cut';
    }
    this.pushFaults([a, b]);
    this.options.events.append({ kind: 'fault', action: `link-${action}`, brokers: [a, b], detail, message: `link ${a}↔${b}: ${action} — ${detail}` });
    return { links: this.options.network.links() };
  }

  /** Sends each named broker (all by default) its current table: after a fault change or a start. */
  pushFaults(ids?: readonly number[]): void {
    const ports = this.options.brokers.map((b) => ({ brokerId: b.nodeId, port: b.port }));
    for (const broker of this.options.brokers) {
      if (ids && !ids.includes(broker.nodeId)) continue;
      broker.setFaults(this.options.network.tableFor(broker.nodeId, ports, this.options.controllerPort));
    }
  }

  private async apply(broker: BrokerProcess, action: BrokerAction, options: { mode?: FaultMode }): Promise<string> {
    const id = broker.nodeId;
    switch (action) {
      case 'kill':
        if (!broker.alive) refuse(`broker ${id} is ${broker.state}: there is no process to kill`);
        await broker.kill();
        return 'SIGKILL';
      case 'stop':
        if (!broker.alive) refuse(`broker ${id} is already ${broker.state}`);
        await broker.stop();
        return 'controlled shutdown (SIGTERM)';
      case 'start':
        if (broker.alive) refuse(`broker ${id} is already ${broker.state}`);
        await this.start(broker);
        return `started, pid ${broker.pid}`;
      case 'restart':
        if (broker.state === 'starting' || broker.state === 'stopping') refuse(`broker ${id} is ${broker.state}: wait for it`);
        this.requireReachableController(broker);
        if (broker.alive) await broker.stop();
        await this.start(broker);
        return `restarted, pid ${broker.pid}`;
      case 'pause':
        if (broker.state !== 'running') refuse(`broker ${id} is ${broker.state}: only a running broker can be paused`);
        broker.pause();
        return PAUSE_SIMULATED ? 'simulated (sockets blackholed; this OS has no SIGSTOP)' : 'SIGSTOP';
      case 'resume':
        if (broker.state !== 'paused') refuse(`broker ${id} is ${broker.state}, not paused`);
        broker.resume();
        return PAUSE_SIMULATED ? 'simulated' : 'SIGCONT';
      case 'isolate': {
        const mode = options.mode ?? 'blackhole';
        const wasIsolated = this.options.network.isolationOf(id) !== null;
        this.options.network.isolate(id, mode);
        this.pushFaults([id]);
        if (!wasIsolated) this.stateShown(broker, 'running', 'isolated');
        return `${mode} from everyone`;
      }
      case 'heal': {
        const wasIsolated = this.options.network.isolationOf(id) !== null;
        this.pushFaults(this.options.network.heal(id));
        if (wasIsolated) this.stateShown(broker, 'isolated', 'running');
        return 'isolation, latency and link cuts removed';
      }
      case 'power-loss': {
        if (broker.state === 'starting' || broker.state === 'stopping') refuse(`broker ${id} is ${broker.state}: wait for it`);
        const cut = await broker.powerLoss();
        return `SIGKILL, then ${cut.truncated.length} files truncated and ${cut.removed.length} removed to their durable length`;
      }
    }
  }

  private requireReachableController(broker: BrokerProcess): void {
    if (this.options.network.isolationOf(broker.nodeId) !== null) {
      refuse(`broker ${broker.nodeId} is isolated and could not reach the controller to start: heal it first`);
    }
  }

  private async start(broker: BrokerProcess): Promise<void> {
    this.requireReachableController(broker);
    try {
      await broker.start(this.options.brokerStartTimeoutMs);
    } catch (err) {
      throw new ConsoleApiError(ApiErrorName.INTERNAL_ERROR, err instanceof Error ? err.message : String(err));
    }
    // Its peers learn its port (unchanged on a restart, new when it first got a free one).
    this.pushFaults();
  }

  /** Isolation changes what a running broker is shown as, without a process change. */
  private stateShown(broker: BrokerProcess, from: 'running' | 'isolated', to: 'running' | 'isolated'): void {
    if (broker.state !== 'running') return;
    this.options.events.append({ kind: 'broker-state', brokerId: broker.nodeId, from, to, message: `broker ${broker.nodeId}: ${from} → ${to}` });
  }

  private serialized<T>(id: number, run: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(id) ?? Promise.resolve();
    const next = previous.then(run, run);
    this.queues.set(
      id,
      next.catch(() => undefined),
    );
    return next;
  }
}
