import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePlanText } from './plan-file';
import { templateFiles } from './templates';

const MINIMAL = `name: t
duration: 5s
topics:
  - name: orders
workloads:
  - type: producer
    name: p1
    topic: orders
checks: [no-lost-acknowledged]
`;

describe('plan files', () => {
  it('reads a minimal plan with its defaults', () => {
    const result = parsePlanText(MINIMAL);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.plan).toMatchObject({
      durationMs: 5000,
      settleMs: 5000,
      cluster: { brokers: 3, config: {} },
      topics: [{ name: 'orders', partitions: 1, replicationFactor: 3, minInsyncReplicas: 2, uncleanLeaderElection: false, flushMessages: null }],
      workloads: [{ type: 'producer', acks: -1, idempotence: true, ratePerSec: 200 }],
      schedule: [],
      checks: [{ name: 'no-lost-acknowledged', expect: 'hold', thresholdMs: null }],
    });
  });

  it('reads the same plan written as JSON', () => {
    const json = JSON.stringify({ name: 't', duration: 5000, topics: [{ name: 'orders' }], workloads: [{ type: 'producer', name: 'p1', topic: 'orders', acks: 1 }], checks: ['no-duplicates'] });
    const result = parsePlanText(json);
    expect(result.ok && result.plan.workloads[0]).toMatchObject({ acks: 1, idempotence: false });
  });

  it('names every problem with its line and field', () => {
    const bad = `name: t
duration: 5 seconds
cluster: { config: { no.such.config: 1 } }
topics:
  - name: orders
    replicationFactor: 4
workloads:
  - type: producer
    name: p1
    topic: payments
    acks: 1
    idempotence: true
    group: g
schedule:
  - at: 1s
    do: explode
    target: leader of orders-0
  - at: 2s
    do: restart
    target: $victim
  - at: 3s
    do: kill
    target: controller
checks: [no-lost-acknowledged, everything-fine]
`;
    const result = parsePlanText(bad);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const lines = result.issues.map((i) => `${i.line} ${i.path}: ${i.message}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^2 duration: must be a duration/),
        expect.stringMatching(/^3 cluster\.config\.no\.such\.config: is not a broker config/),
        expect.stringMatching(/^6 topics\[0\]\.replicationFactor: is 4, more than the cluster's 3 broker/),
        expect.stringMatching(/^10 workloads\[0\]\.topic: "payments" is not one of the plan's topics/),
        expect.stringMatching(/^12 workloads\[0\]\.idempotence: needs acks: all/),
        expect.stringMatching(/^13 workloads\[0\]\.group: is not a field of a producer workload/),
        expect.stringMatching(/^16 schedule\[0\]\.do: must be one of kill, /),
        expect.stringMatching(/^20 schedule\[1\]\.target: "\$victim" was not named by an earlier step/),
        expect.stringMatching(/^23 schedule\[2\]\.target: "controller" cannot be hit/),
        expect.stringMatching(/^24 checks\[1\]\.name: must be one of no-lost-acknowledged/),
      ]),
    );
    expect(result.issues).toHaveLength(10);
  });

  it('reports YAML syntax errors with their line', () => {
    const result = parsePlanText('name: t\nduration: 5s\n  topics: [\n');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]!.line).toBeGreaterThanOrEqual(2);
  });

  it('accepts every shipped template', () => {
    const files = templateFiles();
    expect(files.length).toBeGreaterThanOrEqual(1);
    for (const file of files) {
      const result = parsePlanText(readFileSync(file, 'utf8'));
      expect(result.ok ? [] : result.issues, file).toEqual([]);
    }
  });
});
