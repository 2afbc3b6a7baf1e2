// The engine host's side of the workloads (issue 14 §2): forks the bundled workload process on the
// first workload, relays the console's calls to it over IPC, keeps its latest views for the
// `workloads:sampled` stream, turns its rebalances into engine events (so the timeline and the
// charts' markers show them), and runs templates (creates the topic, then the workloads).
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { ApiErrorName, ConsoleApiError } from '../../../shared/console-errors';
import type { EngineEventDraft } from '../../../shared/engine-types';
import type {
  WorkloadCreateRequest,
  WorkloadCreateResponse,
  WorkloadHistoryRequest,
  WorkloadHistoryResponse,
  WorkloadListResponse,
  WorkloadsSampledEvent,
  WorkloadSpec,
  WorkloadTemplate,
  WorkloadTemplateId,
  WorkloadView,
} from '../../../shared/workload-types';
import type { Admin } from '../../client/admin';
import type { Logger } from '../../logger';
import { RUNNER_ENV, type RunnerCreate, type RunnerOps, type RunnerRebalance, type RunnerToHost } from '../../workloads/runner-protocol';
import { templateById, WORKLOAD_TEMPLATES } from '../../workloads/templates';
import { workloadRunnerPath } from './runner-entry';

export interface WorkloadSupervisorOptions {
  /** The connected cluster's bootstrap, read when the workload process starts. */
  bootstrap: () => string;
  /** For a template's topic. */
  admin: () => Admin;
  /** Where histories are kept (`<folder>/<workload id>/`). */
  folder: string;
  logger: Logger;
  /** Puts a rebalance on the engine's event log. */
  appendEvent: (draft: EngineEventDraft) => void;
  /** Default: the bundled dist/engine/workload-runner.cjs. */
  runnerPath?: string;
}

const CALL_TIMEOUT_MS = 60_000;
const SHUTDOWN_GRACE_MS = 15_000;

interface Runner {
  child: ChildProcess;
  bootstrap: string;
  ready: Promise<void>;
  pending: Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>;
}

function shortId(): string {
  return randomBytes(3).toString('hex');
}

/** A template's workload for one run: its topic and group ids carry the run id, so runs never share state. */
function forRun(spec: WorkloadSpec, runId: string): WorkloadSpec {
  const topic = `${spec.topic}-${runId}`;
  return spec.kind === 'producer' ? { ...spec, topic } : { ...spec, topic, groupId: `${spec.groupId}-${runId}` };
}

export class WorkloadSupervisor {
  private runner: Runner | null = null;
  private nextCall = 1;
  private nextId = 1;
  private latest: WorkloadsSampledEvent = { at: 0, workloads: [] };
  private readonly listeners = new Set<(e: WorkloadsSampledEvent) => void>();
  private readonly runs = new Map<string, WorkloadTemplateId>();
  private closed = false;

  constructor(private readonly options: WorkloadSupervisorOptions) {}

  get runnerPid(): number | null {
    return this.runner?.child.pid ?? null;
  }

  private spawn(): Runner {
    if (this.closed) throw new ConsoleApiError(ApiErrorName.CONFLICT, 'the console is closing');
    if (this.runner) return this.runner;
    const bootstrap = this.options.bootstrap();
    const child = fork(this.options.runnerPath ?? workloadRunnerPath(), [], {
      env: { ...process.env, [RUNNER_ENV.bootstrap]: bootstrap, [RUNNER_ENV.folder]: this.options.folder },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    let readyResolve!: () => void;
    let readyReject!: (e: Error) => void;
    const ready = new Promise<void>((resolve, reject) => {
      readyResolve = resolve;
      readyReject = reject;
    });
    const runner: Runner = { child, bootstrap, ready, pending: new Map() };
    child.on('message', (m: RunnerToHost) => this.onMessage(runner, m, readyResolve));
    child.on('error', (e) => readyReject(e));
    child.on('exit', (code, signal) => {
      const why = `the workload process exited (${signal ?? `code ${code}`})`;
      readyReject(new Error(why));
      for (const p of runner.pending.values()) {
        clearTimeout(p.timer);
        p.reject(new ConsoleApiError(ApiErrorName.INTERNAL_ERROR, why));
      }
      runner.pending.clear();
      if (this.runner === runner) {
        this.runner = null;
        if (!this.closed) this.options.logger.warn(`${why}; its workloads are gone`);
        this.publish({ at: Date.now(), workloads: this.latest.workloads.map((w) => (w.state === 'running' || w.state === 'stopping' ? { ...w, state: 'failed', error: why } : w)) });
      }
    });
    this.runner = runner;
    this.options.logger.info(`workload process started (pid ${child.pid}) on ${bootstrap}`);
    return runner;
  }

  private onMessage(runner: Runner, m: RunnerToHost, ready: () => void): void {
    switch (m.type) {
      case 'ready':
        ready();
        return;
      case 'reply':
      case 'error': {
        const p = runner.pending.get(m.callId);
        if (!p) return;
        runner.pending.delete(m.callId);
        clearTimeout(p.timer);
        if (m.type === 'reply') p.resolve(m.result);
        else p.reject(new ConsoleApiError(m.error.name, m.error.message));
        return;
      }
      case 'sampled':
        this.publish({ at: m.at, workloads: m.workloads });
        return;
      case 'rebalance':
        this.rebalanced(m.rebalance);
        return;
      case 'log':
        this.options.logger[m.level](`workloads: ${m.message}`);
        return;
    }
  }

  private rebalanced(r: RunnerRebalance): void {
    const holders = r.assignment.filter((a) => a.partitions.length > 0).length;
    this.options.appendEvent({
      kind: 'rebalance',
      workloadId: r.workloadId,
      groupId: r.groupId,
      topic: r.topic,
      generation: r.generation,
      reason: r.reason,
      assignment: r.assignment,
      message: `group ${r.groupId}: generation ${r.generation}, ${r.assignment.length} members (${holders} holding partitions) — ${r.reason}`,
    });
  }

  private publish(e: WorkloadsSampledEvent): void {
    this.latest = e;
    for (const l of [...this.listeners]) {
      try {
        l(e);
      } catch {
        // A listener's failure is its own.
      }
    }
  }

  private async call<K extends keyof RunnerOps>(op: K, arg: RunnerOps[K]['arg'], spawn = false): Promise<RunnerOps[K]['result']> {
    const runner = spawn ? this.spawn() : this.runner;
    if (!runner) throw new ConsoleApiError(ApiErrorName.NOT_FOUND, 'no workload exists: the workload process is not running');
    await runner.ready;
    const callId = this.nextCall++;
    const result = await new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        runner.pending.delete(callId);
        reject(new ConsoleApiError(ApiErrorName.REQUEST_TIMED_OUT, `the workload process did not answer ${op} within ${CALL_TIMEOUT_MS / 1000} s`));
      }, CALL_TIMEOUT_MS);
      runner.pending.set(callId, { resolve, reject, timer });
      runner.child.send({ type: 'call', callId, op, arg });
    });
    return result as RunnerOps[K]['result'];
  }

  /** After a change: the views now, for the caller and the stream. */
  private async refreshed(): Promise<void> {
    if (!this.runner) return;
    this.publish({ at: Date.now(), workloads: await this.call('list', {}) });
  }

  async list(): Promise<WorkloadListResponse> {
    if (this.runner) await this.refreshed();
    return { workloads: this.latest.workloads, runnerPid: this.runnerPid };
  }

  private newId(): string {
    return `w${this.nextId++}-${shortId()}`;
  }

  async create(req: WorkloadCreateRequest): Promise<WorkloadCreateResponse> {
    if ('spec' in req) {
      const id = this.newId();
      const view = await this.call('create', { id, name: req.name ?? `${req.spec.kind} ${id}`, spec: req.spec, start: req.start ?? true, template: null }, true);
      await this.refreshed();
      return { workloads: [view], run: null };
    }
    const template = templateById(req.template);
    if (req.runId !== undefined && req.role !== undefined) return this.createLater(template, req.runId, req.role);
    const runId = shortId();
    const topic = `${template.topic.name}-${runId}`;
    const rf = template.topic.replicationFactor;
    await this.options.admin().createTopics([{ name: topic, numPartitions: template.topic.partitions, replicationFactor: rf > 0 ? rf : undefined }]);
    this.runs.set(runId, template.id);
    const creates: RunnerCreate[] = template.workloads.map((w) => ({
      id: this.newId(),
      name: `${template.id} ${runId} · ${w.role}`,
      spec: forRun(w.spec, runId),
      start: true,
      template: { id: template.id, runId, role: w.role },
    }));
    // Sequentially, so the workload process starts them in the template's order.
    const views: WorkloadView[] = [];
    for (const c of creates) views.push(await this.call('create', c, true));
    await this.refreshed();
    return { workloads: views, run: { template: template.id, runId, topic } };
  }

  private async createLater(template: WorkloadTemplate, runId: string, role: string): Promise<WorkloadCreateResponse> {
    if (this.runs.get(runId) !== template.id) throw new ConsoleApiError(ApiErrorName.NOT_FOUND, `there is no run ${runId} of template ${template.id}`);
    const later = template.later.find((w) => w.role === role);
    if (!later) throw new ConsoleApiError(ApiErrorName.NOT_FOUND, `template ${template.id} has no later workload "${role}"`);
    const exists = this.latest.workloads.find((w) => w.template?.runId === runId && w.template.role === role);
    if (exists) throw new ConsoleApiError(ApiErrorName.CONFLICT, `run ${runId} already has its ${role} workload (${exists.id})`);
    const view = await this.call('create', { id: this.newId(), name: `${template.id} ${runId} · ${role}`, spec: forRun(later.spec, runId), start: true, template: { id: template.id, runId, role } }, true);
    await this.refreshed();
    return { workloads: [view], run: { template: template.id, runId, topic: `${template.topic.name}-${runId}` } };
  }

  private async changed(view: Promise<WorkloadView>): Promise<WorkloadView> {
    const v = await view;
    await this.refreshed();
    return v;
  }

  start(id: string): Promise<WorkloadView> {
    return this.changed(this.call('start', { id }));
  }

  stop(id: string): Promise<WorkloadView> {
    return this.changed(this.call('stop', { id }));
  }

  async remove(id: string): Promise<{ id: string }> {
    const r = await this.call('delete', { id });
    await this.refreshed();
    return r;
  }

  scale(id: string, members: number): Promise<WorkloadView> {
    return this.changed(this.call('scale', { id, members }));
  }

  memberStop(id: string, member: number): Promise<WorkloadView> {
    return this.changed(this.call('member-stop', { id, member }));
  }

  memberCrash(id: string, member: number): Promise<WorkloadView> {
    return this.changed(this.call('member-crash', { id, member }));
  }

  templates(): WorkloadTemplate[] {
    return [...WORKLOAD_TEMPLATES];
  }

  history(req: WorkloadHistoryRequest): Promise<WorkloadHistoryResponse> {
    return this.call('history', req);
  }

  subscribe(listener: (event: WorkloadsSampledEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops every workload (members leave their groups), then ends the process; kills it after a grace. */
  async close(): Promise<void> {
    this.closed = true;
    const runner = this.runner;
    if (!runner) return;
    const exited = new Promise<void>((resolve) => (runner.child.exitCode !== null || runner.child.signalCode !== null ? resolve() : runner.child.once('exit', () => resolve())));
    await Promise.race([this.call('shutdown', {}).catch(() => undefined), new Promise((r) => setTimeout(r, SHUTDOWN_GRACE_MS))]);
    if (runner.child.connected) runner.child.disconnect();
    const timer = setTimeout(() => runner.child.kill('SIGKILL'), 3_000);
    await exited;
    clearTimeout(timer);
  }
}
