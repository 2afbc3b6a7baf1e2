// Issue 15 §4: each shipped template runs headless with its verdict asserted — zero anomalies where
// Kafka promises it, at least one named anomaly where it does not — and the final log read back by
// kcat as an independent cross-check of what the checker named. The 30 s each may take is a figure,
// measured by `npm run bench:experiments`, not asserted here (a loaded CI machine would flake it).
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPlan } from '../../src/engine/experiment/plan-file';
import { startOwnCluster, type OwnCluster } from '../../src/engine/experiment/own-cluster';
import { runExperiment } from '../../src/engine/experiment/runner';
import { templatePath } from '../../src/engine/experiment/templates';
import { createLogger } from '../../src/engine/logger';
import { kcatConsume } from '../drivers/kcat';
import type { CheckName, ExperimentReport } from '../../src/shared/experiment-types';

const TEMPLATES: Array<{ id: string; violated: CheckName[] }> = [
  { id: 'acks-all-leader-kill', violated: [] },
  { id: 'acks1-leader-kill-unreplicated', violated: ['no-lost-acknowledged'] },
  { id: 'unclean-election', violated: ['no-lost-acknowledged'] },
  { id: 'power-loss-fsync-off', violated: ['no-lost-acknowledged'] },
  { id: 'power-loss-flush-each', violated: [] },
  { id: 'retries-without-idempotence', violated: ['no-duplicates'] },
  { id: 'retries-with-idempotence', violated: [] },
  { id: 'consumer-crash-at-most-once', violated: ['no-unseen-after-heal'] },
  { id: 'consumer-crash-at-least-once', violated: [] },
];

let own: OwnCluster | null = null;
afterEach(async () => {
  await own?.stop();
  own = null;
});

/** kcat's read of the plan's topics: every value with the positions it is stored at. */
async function kcatPositions(bootstrap: string, topics: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const topic of topics) {
    for (const r of await kcatConsume(bootstrap, topic, { timeoutMs: 15_000 })) {
      const value = r.value?.toString('utf8') ?? 'null';
      out.set(value, [...(out.get(value) ?? []), `${r.partition}/${r.offset}`]);
    }
  }
  return out;
}

function crossCheck(report: ExperimentReport, read: Map<string, string[]>): void {
  for (const a of report.anomalies) {
    for (const r of a.records) {
      const at = read.get(r.value) ?? [];
      if (a.check === 'no-lost-acknowledged') expect(at, `kcat finds ${r.value}, named lost`).toEqual([]);
      if (a.check === 'no-duplicates') {
        expect(at.length, `kcat finds ${r.value} more than once`).toBeGreaterThanOrEqual(2);
        expect(at).toContain(`${r.partition}/${r.offset}`);
      }
      if (a.check === 'no-unseen-after-heal') expect(at, `kcat finds ${r.value} where it was named unseen`).toEqual([`${r.partition}/${r.offset}`]);
    }
  }
  if (!report.anomalies.some((a) => a.check === 'no-duplicates')) {
    for (const [value, at] of read) expect(at, `kcat finds ${value} once`).toHaveLength(1);
  }
  if (!report.anomalies.some((a) => a.check === 'no-lost-acknowledged')) {
    // Every acknowledged write is in kcat's read (indeterminate ones may be too).
    expect(read.size).toBeGreaterThanOrEqual(report.figures.acknowledged);
  }
}

describe('experiment templates', () => {
  for (const template of TEMPLATES) {
    it(`${template.id}: ${template.violated.length === 0 ? 'no anomaly' : `${template.violated.join(', ')} named`}`, async () => {
      const plan = loadPlan(readFileSync(templatePath(template.id)!, 'utf8'));
      own = await startOwnCluster(plan, createLogger('experiment', 'error'));
      const lines: string[] = [];
      const report = await runExperiment({ plan, cluster: own.cluster, progress: (l) => lines.push(l) });
      const why = `${lines.join('\n')}\n${report.anomalies.slice(0, 5).map((a) => `${a.check}: ${a.message}`).join('\n')}`;
      expect(report.checks.filter((c) => !c.held).map((c) => c.name), why).toEqual(template.violated);
      expect(report.passed, why).toBe(true);
      expect(report.fired.every((f) => f.outcome === 'applied'), why).toBe(true);
      for (const name of template.violated) {
        const named = report.anomalies.filter((a) => a.check === name);
        expect(named.length).toBeGreaterThanOrEqual(1);
        for (const a of named) for (const r of a.records) expect(r).toMatchObject({ partition: expect.any(Number), value: expect.any(String) });
      }
      crossCheck(report, await kcatPositions(own.cluster.bootstrapServers, plan.topics.map((t) => t.name)));
    }, 90_000);
  }
});
