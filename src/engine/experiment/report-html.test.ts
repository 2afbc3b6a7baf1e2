import { describe, expect, it } from 'vitest';
import { renderReportHtml } from './report-html';
import type { ExperimentReport } from '../../shared/experiment-types';

const report: ExperimentReport = {
  plan: { name: 'p<1>', description: 'd & e', durationMs: 4000, settleMs: 1000, cluster: { brokers: 3, config: {} }, topics: [{ name: 't', partitions: 1, replicationFactor: 3, minInsyncReplicas: 2, uncleanLeaderElection: false, flushMessages: null }], workloads: [], schedule: [], checks: [] },
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 4000,
  passed: false,
  checks: [{ name: 'no-lost-acknowledged', expect: 'hold', held: false, passed: false, summary: '2 anomalies', anomalies: 2 }],
  anomalies: [
    { check: 'no-lost-acknowledged', message: 'a lost', records: [{ topic: 't', partition: 0, offset: 7, value: '<script>', producer: 'p1', seq: 7, logValue: null }] },
    { check: 'no-lost-acknowledged', message: 'b lost', records: [{ topic: 't', partition: 0, offset: 8, value: 'b', producer: 'p1', seq: 8, logValue: 'x' }] },
  ],
  figures: { unavailability: [{ producer: 'p1', fromMs: 1000, toMs: 2500 }], longestUnavailableMs: 1500, timeToFirstAck: [{ atMs: 1000, step: 'kill broker 1', firstAckAfterMs: 1500 }], errorsByName: { NOT_ENOUGH_REPLICAS: 3 }, acknowledged: 10, indeterminate: 1, failed: 3, consumed: 0, redelivered: 0 },
  fired: [{ atMs: 1000, step: 'kill broker 1', brokers: [1], outcome: 'applied', detail: 'SIGKILL' }],
  series: [0, 500, 1000, 1500, 2000].map((atMs, i) => ({ atMs, ackRate: i * 10, errorRate: 0, minIsr: 3, lag: 0 })),
  events: [{ atMs: 1200, kind: 'leader-change', message: 't-0: leader 1 → 2' }],
};

describe('renderReportHtml', () => {
  it('is one self-contained page: verdict, checks, charts with the fault marked, anomalies grouped with their records, escaped', () => {
    const html = renderReportHtml(report);
    expect(html).toContain('class="verdict fail">FAIL</span>');
    expect(html.match(/<svg /g)).toHaveLength(5);
    expect(html.match(/<line class="fault"/g)).toHaveLength(4);
    expect(html).toContain('<rect class="unavailable"');
    expect(html).toContain('no-lost-acknowledged</code>: 2 anomalies');
    expect(html).toContain('<code>&lt;script&gt;</code>');
    expect(html).not.toMatch(/<script|<link|src="http/);
    expect(html).toContain('p&lt;1&gt;');
    expect(html).toContain('NOT_ENOUGH_REPLICAS');
  });
});
