// `brokerlab experiment`: a bad plan exits 2 with every problem on its line; a run exits 0 when
// every check is as the plan expects and 1 when one is not, and leaves report.json and a
// self-contained report.html with its charts.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BROKERLAB_BIN, makeTempDir, removeTempDirs, startCluster } from '../fixtures/processes';
import { FAST_FAILOVER_CONFIG } from '../cluster/cluster-fixture';
import { clusterApi, TEST_TOKEN } from '../cluster/api-fixture';
import { spawnTracked } from '../fixtures/tracked';
import { templatePath } from '../../src/engine/experiment/templates';
import type { ExperimentReport } from '../../src/shared/experiment-types';

afterAll(() => removeTempDirs());

async function brokerlab(args: string[], timeoutMs = 40_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const proc = spawnTracked(process.execPath, [BROKERLAB_BIN, ...args], { label: `brokerlab ${args.join(' ')}` });
  const timer = setTimeout(() => void proc.stop(2_000), timeoutMs);
  const exit = await proc.exited;
  clearTimeout(timer);
  return { code: exit.code, stdout: proc.stdout(), stderr: proc.stderr() };
}

describe('brokerlab experiment', () => {
  it('refuses a bad plan with exit 2, naming each problem with its line and field', async () => {
    const dir = makeTempDir('brokerlab-plan-');
    const file = join(dir, 'plan.yaml');
    writeFileSync(file, 'name: bad\nduration: soon\ntopics:\n  - name: t\nworkloads: []\nchecks: [no-such-check]\n');
    const run = await brokerlab(['experiment', 'run', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('line 2: duration: must be a duration');
    expect(run.stderr).toContain('line 6: checks[0].name: must be one of no-lost-acknowledged');
    expect(run.stdout).toBe('');
  });

  it('runs a template to a pass (exit 0), and the same run judged against a wrong expectation to a fail (exit 1)', async () => {
    const dir = makeTempDir('brokerlab-report-');
    const pass = await brokerlab(['experiment', 'run', 'template:retries-with-idempotence', '--report', join(dir, 'pass')]);
    expect(pass.code, pass.stdout + pass.stderr).toBe(0);
    expect(pass.stdout).toMatch(/drop-produce-responses leader of invoices-0 ×3 → broker \d+/);
    expect(pass.stdout).toMatch(/check no-duplicates \(expect hold\): PASS/);
    const report = JSON.parse(readFileSync(join(dir, 'pass', 'report.json'), 'utf8')) as ExperimentReport;
    expect(report.passed).toBe(true);
    expect(report.figures.acknowledged).toBeGreaterThan(500);
    const html = readFileSync(join(dir, 'pass', 'report.html'), 'utf8');
    expect(html).toContain('<span id="verdict" class="verdict pass">PASS</span>');
    expect(html.match(/<svg /g)?.length).toBe(5);
    expect(html).not.toMatch(/<script|<link|src="http/);

    // The plan now claims idempotence does not prevent duplicates: the run proves it wrong.
    const wrong = readFileSync(templatePath('retries-with-idempotence')!, 'utf8').replace(/- name: no-duplicates\n    expect: hold/, '- name: no-duplicates\n    expect: violated');
    const file = join(dir, 'wrong.yaml');
    writeFileSync(file, wrong);
    const fail = await brokerlab(['experiment', 'run', file, '--report', join(dir, 'fail')]);
    expect(fail.code, fail.stdout + fail.stderr).toBe(1);
    expect(fail.stdout).toMatch(/check no-duplicates \(expect violated\): FAIL — held/);
    expect(readFileSync(join(dir, 'fail', 'report.html'), 'utf8')).toContain('class="verdict fail">FAIL</span>');
  }, 90_000);

  it('runs on a running cluster through its API (--api): the leader killed and started again, nothing lost', async () => {
    const config = Object.entries(FAST_FAILOVER_CONFIG).flatMap(([k, v]) => ['--config', `${k}=${v}`]);
    const cluster = await startCluster({ brokers: 3, extraArgs: [...config, '--token', TEST_TOKEN] });
    try {
      const api = await clusterApi(cluster);
      const dir = makeTempDir('brokerlab-api-run-');
      const file = join(dir, 'plan.yaml');
      writeFileSync(
        file,
        `name: api-run
duration: 6s
settle: 2s
topics: [{ name: api-orders, partitions: 1, replicationFactor: 3, minInsyncReplicas: 2 }]
workloads: [{ type: producer, name: p1, topic: api-orders, rate: 200 }]
schedule:
  - { at: 1.5s, do: kill, target: leader of api-orders-0, as: victim }
  - { at: 4s, do: start, target: $victim }
checks: [no-lost-acknowledged, no-duplicates, ordered-per-producer-partition, consistent-offsets]
`,
      );
      const run = await brokerlab(['experiment', 'run', file, '--api', api.baseUrl, '--token', TEST_TOKEN, '--report', join(dir, 'report')]);
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toMatch(/kill leader of api-orders-0 → broker \d+: SIGKILL/);
      const report = JSON.parse(readFileSync(join(dir, 'report', 'report.json'), 'utf8')) as ExperimentReport;
      expect(report.fired.map((f) => f.outcome)).toEqual(['applied', 'applied']);
      expect(report.events.some((e) => e.kind === 'leader-change')).toBe(true);
      expect(report.figures.acknowledged).toBeGreaterThan(600);
    } finally {
      await cluster.stop();
    }
  }, 90_000);
});
