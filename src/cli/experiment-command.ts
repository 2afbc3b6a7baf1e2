// `brokerlab experiment run|validate|templates`: fault experiments headless, for a developer or a
// CI job. run exits 0 when every check is as the plan expects, 1 when one is not, 2 on a bad plan.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatIssue, parsePlanText } from '../engine/experiment/plan-file';
import { listTemplates, templatePath } from '../engine/experiment/templates';
import type { ExperimentPlan } from '../shared/experiment-types';
import { CliFailure, ExitCode } from './exit-codes';
import { UsageError } from './usage';

/** The plan at `arg`: a file path, or `template:ID` for a shipped template. Bad plans exit 2. */
function readPlan(arg: string | undefined): { plan: ExperimentPlan; file: string } {
  if (arg === undefined) throw new UsageError('experiment: give the plan file (YAML or JSON), or template:ID');
  let file = resolve(arg);
  if (arg.startsWith('template:')) {
    const found = templatePath(arg.slice('template:'.length));
    if (!found) throw new UsageError(`there is no template '${arg.slice(9)}': see \`brokerlab experiment templates\``);
    file = found;
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliFailure(`cannot read the plan ${file}: ${(err as Error).message}`, ExitCode.USAGE);
  }
  const result = parsePlanText(text);
  if (!result.ok) throw new CliFailure(`the plan ${file} is not valid:\n${result.issues.map((i) => `  ${formatIssue(i)}`).join('\n')}`, ExitCode.USAGE);
  return { plan: result.plan, file };
}

export async function runExperimentCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'templates') {
    if (rest.length > 0) throw new UsageError(`experiment templates: unexpected argument '${rest[0]}'`);
    for (const t of listTemplates()) process.stdout.write(`${t.id.padEnd(34)} ${t.description}\n`);
    return 0;
  }
  if (sub === 'validate') {
    const { positionals } = parseArgs({ args: rest, strict: true, allowPositionals: true, options: {} });
    if (positionals.length !== 1) throw new UsageError('experiment validate takes one plan file');
    const { plan, file } = readPlan(positionals[0]);
    process.stdout.write(`${file}: valid — ${plan.workloads.length} workload(s), ${plan.schedule.length} step(s), ${plan.checks.length} check(s)\n`);
    return 0;
  }
  if (sub !== 'run') throw new UsageError(`experiment: unknown subcommand '${sub ?? ''}' (use run, validate, templates)`);
  const { values, positionals } = parseArgs({
    args: rest,
    strict: true,
    allowPositionals: true,
    options: { api: { type: 'string' }, token: { type: 'string' }, report: { type: 'string' }, 'log-level': { type: 'string' }, 'workload-process': { type: 'boolean' } },
  });
  if (positionals.length !== 1) throw new UsageError('experiment run takes one plan file');
  const { plan } = readPlan(positionals[0]);
  const reportDir = resolve(values.report ?? `experiment-${plan.name}-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  const [{ runExperiment }, { writeReport }, { createLogger }] = await Promise.all([
    import('../engine/experiment/runner'),
    import('../engine/experiment/report-html'),
    import('../engine/logger'),
  ]);
  const logger = createLogger('experiment', values['log-level'] === 'info' || values['log-level'] === 'debug' ? values['log-level'] : 'warn');
  const progress = (line: string): void => void process.stdout.write(`${line}\n`);
  const abort = new AbortController();
  const onSignal = (): void => abort.abort();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let stopCluster: () => Promise<void> = async () => undefined;
  let stopWorkloads: () => Promise<void> = async () => undefined;
  try {
    let cluster;
    if (values.api !== undefined || values.token !== undefined) {
      const [{ apiCluster }, { resolveApiTarget }] = await Promise.all([import('./experiment-api-cluster'), import('./api-target')]);
      cluster = await apiCluster(resolveApiTarget(values));
      progress(`using the cluster at ${values.api ?? 'the API'} (bootstrap ${cluster.bootstrapServers}); the plan's cluster section is not applied to it`);
    } else {
      const { startOwnCluster } = await import('../engine/experiment/own-cluster');
      const own = await startOwnCluster(plan, logger);
      stopCluster = own.stop;
      cluster = own.cluster;
      progress(`started ${plan.cluster.brokers} broker(s) on ${own.dataDir} (bootstrap ${cluster.bootstrapServers})`);
    }
    let workloads;
    if (values['workload-process']) {
      const { processWorkloads } = await import('../engine/experiment/process-workloads');
      const bootstrapOf = cluster;
      const running = processWorkloads(() => bootstrapOf.bootstrapServers, logger);
      stopWorkloads = running.close;
      workloads = running;
      progress('workloads run in the workload process');
    }
    const report = await runExperiment({ plan, cluster, workloads, progress, signal: abort.signal });
    const written = writeReport(reportDir, report);
    progress(`report: ${written.html}`);
    progress(`report: ${written.json}`);
    progress(report.passed ? 'PASS' : 'FAIL');
    return report.passed ? ExitCode.OK : ExitCode.FAILED;
  } catch (err) {
    // A run that could not go on (a refused setting, a cluster that did not start) is one line, exit 1.
    if (err instanceof CliFailure || err instanceof UsageError) throw err;
    throw new CliFailure(`the experiment could not run: ${err instanceof Error ? err.message : String(err)}`, ExitCode.FAILED);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await stopWorkloads().catch((err: unknown) => logger.error(`stopping the workload process failed: ${(err as Error).message}`));
    await stopCluster().catch((err: unknown) => logger.error(`stopping the experiment's cluster failed: ${(err as Error).message}`));
  }
}
