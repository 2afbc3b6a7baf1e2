import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Logger } from '../logger';
import type { BrokerProcessConfig, BrokerProcessEvent, HostToBrokerMessage } from '../broker/broker-process-config';
import { NO_FAULTS, type FaultTableState } from '../network/fault-table';
import { DurableFiles, type PowerCutResult } from './durable-files';

export type BrokerProcessState = 'starting' | 'running' | 'paused' | 'stopping' | 'stopped' | 'killed' | 'power-lost' | 'failed';

/** A broker's last report of its replicas: topic-partition → offsets. */
export interface ReplicaReport {
  atMs: number;
  partitions: Map<string, { logStartOffset: number; logEndOffset: number; highWatermark: number }>;
}

/** Where the OS has no SIGSTOP (Windows) pause is emulated: the process runs on, but all its sockets are blackholed. */
export const PAUSE_SIMULATED = process.platform === 'win32';

/**
 * One broker as an OS process of the host (DESIGN decision 5): fork, wait for its ready line, and
 * the real signals behind the kill switches — SIGKILL, SIGSTOP/SIGCONT, SIGTERM for a controlled
 * shutdown — plus the power cut (SIGKILL, then the folder cut back to what was reported durable).
 */
export class BrokerProcess {
  private child: ChildProcess | null = null;
  private currentState: BrokerProcessState = 'stopped';
  private exited: Promise<void> = Promise.resolve();
  private faults: FaultTableState = NO_FAULTS;
  private report: ReplicaReport | null = null;
  readonly durable: DurableFiles;
  port = -1;

  constructor(
    readonly config: BrokerProcessConfig,
    private readonly entry: string,
    private readonly logger: Logger,
    private readonly onStateChange: (broker: BrokerProcess, previous: BrokerProcessState) => void = () => undefined,
  ) {
    this.durable = new DurableFiles(config.logDir);
  }

  get nodeId(): number {
    return this.config.nodeId;
  }

  get bootstrap(): string {
    return `${this.config.host}:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get state(): BrokerProcessState {
    return this.currentState;
  }

  /** Whether an OS process runs (or is paused) for this broker. */
  get alive(): boolean {
    return this.child !== null;
  }

  get replicaReport(): ReplicaReport | null {
    return this.report;
  }

  /** Forks the broker and resolves with its port once it serves clients. */
  start(timeoutMs: number): Promise<number> {
    if (this.child) return Promise.reject(new Error(`broker ${this.nodeId} is already running`));
    // Restarts reuse the port the broker had, so clients' bootstrap lists stay valid.
    const config: BrokerProcessConfig = { ...this.config, port: this.port > 0 ? this.port : this.config.port, faults: this.faults };
    // Under Electron (the host in a utilityProcess) execPath is the Electron binary: run it as Node.
    const env = process.versions.electron ? { ...process.env, ELECTRON_RUN_AS_NODE: '1' } : process.env;
    this.durable.baseline();
    this.report = null;
    const child = spawn(process.execPath, [this.entry, JSON.stringify(config)], { stdio: ['pipe', 'pipe', 'inherit'], env });
    this.child = child;
    this.setState('starting');
    // 'close' comes after the stdout pipe is drained: every durable report the broker wrote is in.
    this.exited = new Promise((resolve) => child.once('close', () => resolve()));
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`broker ${this.nodeId} did not become ready within ${timeoutMs} ms`));
      }, timeoutMs);
      const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
      lines.on('line', (line) => {
        let event: BrokerProcessEvent;
        try {
          event = JSON.parse(line) as BrokerProcessEvent;
        } catch {
          return;
        }
        if (event.event === 'ready') {
          clearTimeout(timer);
          this.port = event.port;
          this.setState('running');
          resolve(event.port);
        } else if (event.event === 'failed') {
          clearTimeout(timer);
          reject(new Error(`broker ${this.nodeId} failed to start: ${event.message}`));
        } else if (event.event === 'durable') {
          if (Array.isArray(event.files)) this.durable.record(event.files);
        } else if (event.event === 'replicas') {
          this.takeReport(event.partitions);
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        this.child = null;
        if (this.currentState === 'starting') reject(new Error(`broker ${this.nodeId} exited (${signal ?? code}) before it was ready`));
        if (this.currentState !== 'killed' && this.currentState !== 'stopped' && this.currentState !== 'power-lost') {
          if (this.currentState !== 'stopping') this.logger.warn(`broker ${this.nodeId} exited (${signal ?? `code ${code}`})`);
          this.setState(this.currentState === 'stopping' ? 'stopped' : 'failed');
        }
      });
      child.stdin?.on('error', () => undefined);
    });
  }

  /** The fault table this broker applies; sent at once when it runs, and at every start. */
  setFaults(table: FaultTableState): void {
    this.faults = table;
    this.send({ type: 'faults', table: this.effectiveFaults() });
  }

  /** An emulated pause silences every socket, so peers see what they would see of a stopped process. */
  private effectiveFaults(): FaultTableState {
    return PAUSE_SIMULATED && this.currentState === 'paused' ? { ...this.faults, isolation: 'blackhole' } : this.faults;
  }

  /** SIGKILL: the process dies at once; its writes stay in the page cache, which survives. */
  async kill(): Promise<void> {
    if (!this.child) return;
    this.setState('killed');
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /**
   * A power cut: SIGKILL, then every file of the broker's folder goes back to the length it was
   * last reported durable at (DESIGN decision 7). Works on a broker already dead too: its
   * unflushed writes were still only in the page cache.
   */
  async powerLoss(): Promise<PowerCutResult> {
    if (this.child) {
      this.child.kill('SIGKILL');
      await this.exited;
    }
    this.setState('power-lost');
    return this.durable.powerCut();
  }

  /** A controlled shutdown (SIGTERM): leaderships move first, logs are flushed and checkpointed. */
  async stop(timeoutMs = 15_000): Promise<void> {
    const child = this.child;
    if (!child) return;
    if (this.currentState === 'paused') child.kill('SIGCONT');
    this.setState('stopping');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await this.exited;
    clearTimeout(timer);
    this.setState('stopped');
  }

  pause(): void {
    if (!this.child || this.currentState !== 'running') return;
    this.setState('paused');
    if (PAUSE_SIMULATED) this.send({ type: 'faults', table: this.effectiveFaults() });
    else this.child.kill('SIGSTOP');
  }

  resume(): void {
    if (!this.child || this.currentState !== 'paused') return;
    this.setState('running');
    if (PAUSE_SIMULATED) this.send({ type: 'faults', table: this.effectiveFaults() });
    else this.child.kill('SIGCONT');
  }

  /** The drop-produce-responses fault: the next `count` Produce requests are appended, then the connection closes unanswered. */
  dropProduceResponses(count: number): void {
    if (!this.child || this.currentState !== 'running') throw new Error(`broker ${this.nodeId} is ${this.currentState}: it drops produce responses only while running`);
    this.send({ type: 'drop-produce-responses', count });
  }

  private send(message: HostToBrokerMessage): void {
    const stdin = this.child?.stdin;
    if (stdin && !stdin.destroyed) stdin.write(`${JSON.stringify(message)}\n`);
  }

  private takeReport(partitions: unknown): void {
    if (!Array.isArray(partitions)) return;
    const map: ReplicaReport['partitions'] = new Map();
    for (const p of partitions) {
      if (!Array.isArray(p) || p.length < 5) continue;
      const [topic, partition, logStartOffset, logEndOffset, highWatermark] = p as [string, number, number, number, number];
      map.set(`${topic}-${partition}`, { logStartOffset, logEndOffset, highWatermark });
    }
    this.report = { atMs: Date.now(), partitions: map };
  }

  private setState(state: BrokerProcessState): void {
    if (this.currentState === state) return;
    const previous = this.currentState;
    this.currentState = state;
    this.onStateChange(this, previous);
  }
}
