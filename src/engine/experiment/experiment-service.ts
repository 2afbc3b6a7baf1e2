// The engine side of the experiment channels (src/shared/experiment-types.ts): templates, plan
// validation, and runs kept by id with their status, progress lines and report — what the
// console's Experiments page will call through the host's ConsoleApi binding. One run at a time:
// two experiments on one cluster would judge each other's faults.
import { randomUUID } from 'node:crypto';
import type { ExperimentChannels, ExperimentPlan, ExperimentProgressEvent, ExperimentReport, ExperimentStatus } from '../../shared/experiment-types';
import { parsePlanText } from './plan-file';
import { renderReportHtml } from './report-html';
import { runExperiment } from './runner';
import { listTemplates } from './templates';
import type { ExperimentCluster } from './experiment-cluster';

type Req<C extends keyof ExperimentChannels> = ExperimentChannels[C]['request'];
type Res<C extends keyof ExperimentChannels> = ExperimentChannels[C]['response'];

interface Run {
  status: ExperimentStatus;
  startedAtMs: number;
  lines: ExperimentProgressEvent[];
  report: ExperimentReport | null;
  abort: AbortController;
  done: Promise<void>;
}

/** Where a run gets its cluster: the host's own, or a fresh one per plan (and how to release it). */
export type ClusterProvider = (plan: ExperimentPlan) => Promise<{ cluster: ExperimentCluster; release: () => Promise<void> }>;

const MAX_LINES = 2_000;
const KEPT_RUNS = 20;

export class ExperimentService {
  private readonly runs = new Map<string, Run>();

  constructor(private readonly provideCluster: ClusterProvider) {}

  templates(): Res<'experiments:templates'> {
    return { templates: listTemplates() };
  }

  validate(request: Req<'experiments:validate'>): Res<'experiments:validate'> {
    const result = parsePlanText(request.source);
    return result.ok ? { ok: true, issues: [], plan: result.plan } : { ok: false, issues: result.issues, plan: null };
  }

  /** Starts a run; a bad plan or a run already going is refused with the reason. */
  run(request: Req<'experiments:run'>): Res<'experiments:run'> {
    const parsed = parsePlanText(request.source);
    if (!parsed.ok) throw new Error(`the plan is not valid: ${parsed.issues.map((i) => `${i.line === null ? '' : `line ${i.line}: `}${i.path}: ${i.message}`).join('; ')}`);
    const busy = [...this.runs.values()].find((r) => r.status.state !== 'done' && r.status.state !== 'failed');
    if (busy) throw new Error(`experiment ${busy.status.planName} (${busy.status.runId}) is still running: one experiment at a time`);
    const plan = parsed.plan;
    const runId = randomUUID();
    const abort = new AbortController();
    const run: Run = {
      status: { runId, state: 'starting', planName: plan.name, elapsedMs: 0, durationMs: plan.durationMs, passed: null, error: null },
      startedAtMs: Date.now(),
      lines: [],
      report: null,
      abort,
      done: Promise.resolve(),
    };
    const progress = (line: string): void => {
      run.lines.push({ runId, atMs: Date.now() - run.startedAtMs, line });
      if (run.lines.length > MAX_LINES) run.lines.splice(0, run.lines.length - MAX_LINES);
      if (run.status.state === 'starting' && line.includes('workloads started')) run.status.state = 'running';
      if (line.includes('stopping the producers')) run.status.state = 'settling';
      if (line.includes('reading the final log back')) run.status.state = 'judging';
    };
    run.done = (async () => {
      let release: () => Promise<void> = async () => undefined;
      try {
        const provided = await this.provideCluster(plan);
        release = provided.release;
        run.report = await runExperiment({ plan, cluster: provided.cluster, progress, signal: abort.signal });
        run.status.passed = run.report.passed;
        run.status.state = 'done';
      } catch (err) {
        run.status.state = 'failed';
        run.status.error = err instanceof Error ? err.message : String(err);
        progress(`failed: ${run.status.error}`);
      } finally {
        await release().catch(() => undefined);
      }
    })();
    this.runs.set(runId, run);
    for (const id of [...this.runs.keys()].slice(0, Math.max(0, this.runs.size - KEPT_RUNS))) this.runs.delete(id);
    return { runId };
  }

  status(request: Req<'experiments:status'>): Res<'experiments:status'> {
    const run = this.get(request.runId);
    return { ...run.status, elapsedMs: Date.now() - run.startedAtMs };
  }

  events(request: Req<'experiments:events'>): Res<'experiments:events'> {
    const run = this.get(request.runId);
    return { events: run.lines.filter((l) => l.atMs > (request.afterMs ?? -1)) };
  }

  report(request: Req<'experiments:report'>): Res<'experiments:report'> {
    const run = this.get(request.runId);
    return { report: run.report, html: run.report ? renderReportHtml(run.report) : null };
  }

  /** Resolves when the run has ended (tests; the page polls status). */
  async settled(runId: string): Promise<void> {
    await this.get(runId).done;
  }

  /** Stops every run early (the host is shutting down); each is judged on what happened. */
  async close(): Promise<void> {
    for (const run of this.runs.values()) run.abort.abort();
    await Promise.all([...this.runs.values()].map((r) => r.done));
  }

  private get(runId: string): Run {
    const run = this.runs.get(runId);
    if (!run) throw new Error(`there is no experiment run ${runId}`);
    return run;
  }
}
