import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Logger } from '../logger';
import type { BrokerProcessConfig, BrokerProcessEvent } from '../broker/broker-process-config';

export type BrokerProcessState = 'starting' | 'running' | 'paused' | 'stopping' | 'stopped' | 'killed' | 'failed';

/**
 * One broker as an OS process of the host (DESIGN decision 5): fork, wait for its ready line, and
 * the real signals behind the kill switches — SIGKILL, SIGSTOP/SIGCONT, SIGTERM for a controlled
 * shutdown.
 */
export class BrokerProcess {
  private child: ChildProcess | null = null;
  private currentState: BrokerProcessState = 'stopped';
  private exited: Promise<void> = Promise.resolve();
  port = -1;

  constructor(
    readonly config: BrokerProcessConfig,
    private readonly entry: string,
    private readonly logger: Logger,
    private readonly onStateChange: (broker: BrokerProcess) => void = () => undefined,
  ) {}

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

  /** Forks the broker and resolves with its port once it serves clients. */
  start(timeoutMs: number): Promise<number> {
    if (this.child) return Promise.reject(new Error(`broker ${this.nodeId} is already running`));
    const config = { ...this.config, port: this.port > 0 ? this.port : this.config.port };
    // Under Electron (the host in a utilityProcess) execPath is the Electron binary: run it as Node.
    const env = process.versions.electron ? { ...process.env, ELECTRON_RUN_AS_NODE: '1' } : process.env;
    const child = spawn(process.execPath, [this.entry, JSON.stringify(config)], { stdio: ['pipe', 'pipe', 'inherit'], env });
    this.child = child;
    this.setState('starting');
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
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
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        this.child = null;
        if (this.currentState === 'starting') reject(new Error(`broker ${this.nodeId} exited (${signal ?? code}) before it was ready`));
        if (this.currentState !== 'killed' && this.currentState !== 'stopped') {
          this.logger.warn(`broker ${this.nodeId} exited (${signal ?? `code ${code}`})`);
          this.setState(this.currentState === 'stopping' ? 'stopped' : 'failed');
        }
      });
      child.stdin?.on('error', () => undefined);
    });
  }

  /** SIGKILL: the process dies at once, with whatever the page cache holds. */
  async kill(): Promise<void> {
    if (!this.child) return;
    this.setState('killed');
    this.child.kill('SIGKILL');
    await this.exited;
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
    this.child.kill('SIGSTOP');
    this.setState('paused');
  }

  resume(): void {
    if (!this.child || this.currentState !== 'paused') return;
    this.child.kill('SIGCONT');
    this.setState('running');
  }

  private setState(state: BrokerProcessState): void {
    if (this.currentState === state) return;
    this.currentState = state;
    this.onStateChange(this);
  }
}
