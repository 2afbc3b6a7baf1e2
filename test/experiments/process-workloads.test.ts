// The runner on issue 14's workload process: the acks=all template with its producer and consumer
// group in a process of their own; the histories they record are judged like the in-process ones.
import { readFileSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { loadPlan } from '../../src/engine/experiment/plan-file';
import { startOwnCluster, type OwnCluster } from '../../src/engine/experiment/own-cluster';
import { processWorkloads, type ProcessWorkloads } from '../../src/engine/experiment/process-workloads';
import { runExperiment } from '../../src/engine/experiment/runner';
import { templatePath } from '../../src/engine/experiment/templates';
import { createLogger } from '../../src/engine/logger';

let own: OwnCluster | null = null;
let workloads: ProcessWorkloads | null = null;
afterEach(async () => {
  await workloads?.close();
  await own?.stop();
});

it('acks-all-leader-kill (auto commit, 100/s) with the workload process: no anomaly, every acknowledged write processed', async () => {
  // Auto commit and 100 records/s: the workload process's at-least-once member commits every record,
  // slower than the template's 300/s on a shared machine, and the verdict waits for the group.
  const source = readFileSync(templatePath('acks-all-leader-kill')!, 'utf8').replace('commit: at-least-once', 'commit: auto').replace('rate: 300', 'rate: 100');
  const plan = loadPlan(source);
  const logger = createLogger('experiment', 'error');
  own = await startOwnCluster(plan, logger);
  const cluster = own.cluster;
  workloads = processWorkloads(() => cluster.bootstrapServers, logger);
  const lines: string[] = [];
  const report = await runExperiment({ plan, cluster, workloads, progress: (l) => lines.push(l) });
  const why = `${lines.join('\n')}\n${report.anomalies.slice(0, 5).map((a) => a.message).join('\n')}`;
  expect(report.checks.filter((c) => !c.held).map((c) => c.name), why).toEqual([]);
  expect(report.figures.acknowledged, why).toBeGreaterThan(500);
  expect(report.figures.consumed, why).toBeGreaterThanOrEqual(report.figures.acknowledged);
}, 90_000);
