// The workload process's state: every workload, its producer or group, its two history logs, and
// the operations the engine host calls. Errors carry a Kafka-console name (NOT_FOUND, CONFLICT) so
// the host passes them on as they are.
import { join } from 'node:path';
import type { WorkloadHistoryRequest, WorkloadHistoryResponse, WorkloadProcessedEntry, WorkloadSendEntry, WorkloadState, WorkloadView } from '../../shared/workload-types';
import { GroupWorkload } from './group-workload';
import { HistoryLog } from './history-log';
import { ProducerWorkload } from './producer-workload';
import type { RunnerCreate, RunnerRebalance } from './runner-protocol';

export class RunnerError extends Error {
  constructor(
    override readonly name: 'NOT_FOUND' | 'CONFLICT' | 'INVALID_REQUEST',
    message: string,
  ) {
    super(message);
  }
}

interface Workload {
  create: RunnerCreate;
  state: WorkloadState;
  error: string | null;
  createdAt: number;
  startedAt: number | null;
  stoppedAt: number | null;
  sends: HistoryLog<WorkloadSendEntry>;
  processed: HistoryLog<WorkloadProcessedEntry>;
  producer: ProducerWorkload | null;
  group: GroupWorkload | null;
}

export class WorkloadRunner {
  private readonly workloads = new Map<string, Workload>();

  constructor(
    private readonly bootstrap: string,
    private readonly folder: string,
    private readonly emitRebalance: (r: RunnerRebalance) => void,
  ) {}

  private get(id: string): Workload {
    const w = this.workloads.get(id);
    if (!w) throw new RunnerError('NOT_FOUND', `there is no workload ${id}`);
    return w;
  }

  async create(c: RunnerCreate): Promise<WorkloadView> {
    if (this.workloads.has(c.id)) throw new RunnerError('CONFLICT', `workload ${c.id} exists already`);
    const dir = join(this.folder, c.id);
    const w: Workload = {
      create: c,
      state: 'created',
      error: null,
      createdAt: Date.now(),
      startedAt: null,
      stoppedAt: null,
      sends: new HistoryLog<WorkloadSendEntry>(dir, 'sends'),
      processed: new HistoryLog<WorkloadProcessedEntry>(dir, 'processed'),
      producer: null,
      group: null,
    };
    const spec = c.spec;
    if (spec.kind === 'producer') w.producer = new ProducerWorkload(c.id, spec, this.bootstrap, w.sends, () => this.finished(c.id));
    else w.group = new GroupWorkload(c.id, spec, this.bootstrap, w.processed, this.emitRebalance);
    this.workloads.set(c.id, w);
    if (c.start) return this.start(c.id);
    return this.view(w);
  }

  async start(id: string): Promise<WorkloadView> {
    const w = this.get(id);
    if (w.state === 'running' || w.state === 'stopping') throw new RunnerError('CONFLICT', `workload ${id} is ${w.state}`);
    w.state = 'running';
    w.error = null;
    w.startedAt = Date.now();
    w.stoppedAt = null;
    try {
      await (w.producer ?? w.group)!.start();
    } catch (e) {
      w.state = 'failed';
      w.error = (e as Error).message;
      await (w.producer ?? w.group)!.stop().catch(() => undefined);
    }
    return this.view(w);
  }

  /** A producer with maxRecords sent them all and has every report. */
  private finished(id: string): void {
    const w = this.workloads.get(id);
    if (!w || w.state !== 'running') return;
    void this.stop(id).catch(() => undefined);
  }

  async stop(id: string): Promise<WorkloadView> {
    const w = this.get(id);
    if (w.state !== 'running') throw new RunnerError('CONFLICT', `workload ${id} is ${w.state}, not running`);
    w.state = 'stopping';
    await (w.producer ?? w.group)!.stop();
    w.state = 'stopped';
    w.stoppedAt = Date.now();
    return this.view(w);
  }

  async remove(id: string): Promise<{ id: string }> {
    const w = this.get(id);
    if (w.state === 'running' || w.state === 'stopping') throw new RunnerError('CONFLICT', `workload ${id} is ${w.state}: stop it first`);
    this.workloads.delete(id);
    await w.sends.remove();
    await w.processed.remove();
    return { id };
  }

  private runningGroup(id: string): { w: Workload; group: GroupWorkload } {
    const w = this.get(id);
    if (!w.group) throw new RunnerError('INVALID_REQUEST', `workload ${id} is a producer: it has no members`);
    if (w.state !== 'running') throw new RunnerError('CONFLICT', `workload ${id} is ${w.state}, not running`);
    return { w, group: w.group };
  }

  async scale(id: string, members: number): Promise<WorkloadView> {
    const { w, group } = this.runningGroup(id);
    await group.scale(members);
    return this.view(w);
  }

  async memberStop(id: string, member: number): Promise<WorkloadView> {
    const { w, group } = this.runningGroup(id);
    await this.memberOp(() => group.memberStop(member));
    return this.view(w);
  }

  async memberCrash(id: string, member: number): Promise<WorkloadView> {
    const { w, group } = this.runningGroup(id);
    await this.memberOp(async () => group.memberCrash(member));
    return this.view(w);
  }

  private async memberOp(op: () => Promise<void>): Promise<void> {
    try {
      await op();
    } catch (e) {
      if (e instanceof RangeError) throw new RunnerError(/no member/.test(e.message) ? 'NOT_FOUND' : 'CONFLICT', e.message);
      throw e;
    }
  }

  async history(req: WorkloadHistoryRequest): Promise<WorkloadHistoryResponse> {
    const w = this.get(req.id);
    const afterSeq = req.afterSeq ?? 0;
    const limit = req.limit ?? 10_000;
    if (req.kind === 'sends') return { id: req.id, kind: 'sends', ...(await w.sends.read(afterSeq, limit)) };
    return { id: req.id, kind: 'processed', ...(await w.processed.read(afterSeq, limit)) };
  }

  list(): WorkloadView[] {
    return [...this.workloads.values()].map((w) => this.view(w));
  }

  get size(): number {
    return this.workloads.size;
  }

  async shutdown(): Promise<{ stopped: number }> {
    const running = [...this.workloads.values()].filter((w) => w.state === 'running');
    await Promise.all(running.map((w) => this.stop(w.create.id).catch(() => undefined)));
    await Promise.all([...this.workloads.values()].flatMap((w) => [w.sends.close(), w.processed.close()]));
    return { stopped: running.length };
  }

  private view(w: Workload): WorkloadView {
    return {
      id: w.create.id,
      name: w.create.name,
      spec: w.create.spec,
      state: w.state,
      error: w.error,
      createdAt: w.createdAt,
      startedAt: w.startedAt,
      stoppedAt: w.stoppedAt,
      template: w.create.template,
      producer: w.producer?.status() ?? null,
      group: w.group?.status() ?? null,
    };
  }
}
