// The experiment channels' engine side: validate names problems, run goes through its states with
// progress lines and ends with a report and its HTML; a second run while one goes is refused.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ExperimentService } from '../../src/engine/experiment/experiment-service';
import { startOwnCluster } from '../../src/engine/experiment/own-cluster';
import { templatePath } from '../../src/engine/experiment/templates';
import { createLogger } from '../../src/engine/logger';

describe('ExperimentService', () => {
  const service = new ExperimentService(async (plan) => {
    const own = await startOwnCluster(plan, createLogger('experiment', 'error'));
    return { cluster: own.cluster, release: own.stop };
  });

  it('lists the templates and validates a plan with its issues', () => {
    expect(service.templates().templates.map((t) => t.id)).toContain('acks-all-leader-kill');
    const bad = service.validate({ source: 'name: x\nduration: 1s\n', format: 'yaml' });
    expect(bad.ok).toBe(false);
    expect(bad.issues.map((i) => i.path)).toEqual(['topics', 'workloads', 'checks']);
  });

  it('runs a plan to its report, refusing a second run meanwhile', async () => {
    const source = readFileSync(templatePath('power-loss-flush-each')!, 'utf8');
    const { runId } = service.run({ source, format: 'yaml' });
    expect(() => service.run({ source, format: 'yaml' })).toThrow(/still running: one experiment at a time/);
    expect(service.status({ runId }).state).toMatch(/starting|running/);
    await service.settled(runId);
    const status = service.status({ runId });
    expect(status).toMatchObject({ state: 'done', passed: true, error: null, planName: 'power-loss-flush-each' });
    const lines = service.events({ runId }).events.map((e) => e.line);
    expect(lines.some((l) => /power-loss broker 1 → broker 1/.test(l))).toBe(true);
    const lastAt = service.events({ runId }).events.at(-1)!.atMs;
    expect(service.events({ runId, afterMs: lastAt }).events).toEqual([]);
    expect(service.events({ runId, afterMs: lastAt - 1 }).events.length).toBeGreaterThanOrEqual(1);
    const { report, html } = service.report({ runId });
    expect(report?.checks.every((c) => c.passed)).toBe(true);
    expect(html).toContain('class="verdict pass">PASS</span>');
    expect(() => service.status({ runId: 'nope' })).toThrow(/no experiment run nope/);
  }, 45_000);
});
