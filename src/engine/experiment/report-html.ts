// The report as one self-contained HTML page (no scripts, no external files): verdict, checks,
// anomalies with their records, figures and the charts. Also writes report.json beside it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExperimentReport } from '../../shared/experiment-types';
import { escapeHtml, reportCharts } from './report-charts';

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:960px;color:#222;padding:0 12px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
.verdict{display:inline-block;padding:4px 10px;border-radius:4px;font-weight:600;color:#fff}
.pass{background:#27ae60}.fail{background:#c0392b}
table{border-collapse:collapse;width:100%;margin:6px 0}th,td{border-bottom:1px solid #e5e5e5;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f4f4f4;font-weight:600}td.num{text-align:right;font-variant-numeric:tabular-nums}
figure{margin:10px 0}figcaption{font-size:13px;color:#444;margin-bottom:2px}
.legend{margin-left:12px;font-size:12px;color:#555}.legend i{display:inline-block;width:10px;height:3px;margin-right:4px;vertical-align:middle}
code{font:12px ui-monospace,monospace;background:#f4f4f4;padding:1px 3px;border-radius:3px}
details{margin:6px 0}summary{cursor:pointer}`;

function checksTable(report: ExperimentReport): string {
  const rows = report.checks.map(
    (c) =>
      `<tr class="check"><td><code>${escapeHtml(c.name)}</code></td><td>${c.expect === 'hold' ? 'holds' : 'violated'}</td><td>${c.held ? 'held' : 'violated'}</td><td><span class="verdict ${c.passed ? 'pass' : 'fail'}">${c.passed ? 'PASS' : 'FAIL'}</span></td><td>${escapeHtml(c.summary)}</td></tr>`,
  );
  return `<table><thead><tr><th>Check</th><th>Expected</th><th>In this run</th><th>Verdict</th><th>Detail</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

const ROWS_PER_CHECK = 200;

/** One section per check: its anomalies' records in one table (the anomaly's sentence on hover and in the last column). */
function anomaliesSection(report: ExperimentReport): string {
  if (report.anomalies.length === 0) return '<p>No anomalies: every check held.</p>';
  const byCheck = new Map<string, ExperimentReport['anomalies']>();
  for (const a of report.anomalies) byCheck.set(a.check, [...(byCheck.get(a.check) ?? []), a]);
  const sections = [...byCheck].map(([check, list]) => {
    const rows: string[] = [];
    for (const a of list) {
      if (a.records.length === 0) rows.push(`<tr><td colspan="6">${escapeHtml(a.message)}</td></tr>`);
      for (const r of a.records) {
        rows.push(
          `<tr title="${escapeHtml(a.message)}"><td>${escapeHtml(r.topic)}</td><td class="num">${r.partition ?? '–'}</td><td class="num">${r.offset ?? '–'}</td><td><code>${escapeHtml(r.value)}</code></td><td>${escapeHtml(r.producer ? `${r.producer} #${r.seq}` : r.member ? `${r.member} gen ${r.generation}` : '')}</td><td>${r.logValue === undefined ? '' : r.logValue === null ? '<em>nothing</em>' : `<code>${escapeHtml(r.logValue)}</code>`}</td></tr>`,
        );
      }
    }
    const shown = rows.slice(0, ROWS_PER_CHECK).join('');
    const more = rows.length > ROWS_PER_CHECK ? `<p>${rows.length - ROWS_PER_CHECK} more rows in report.json.</p>` : '';
    return `<details class="anomaly" open><summary><code>${escapeHtml(check)}</code>: ${list.length} anomal${list.length === 1 ? 'y' : 'ies'} — ${escapeHtml(list[0]!.message)}</summary><table><thead><tr><th>Topic</th><th>Partition</th><th>Offset</th><th>Value</th><th>Who</th><th>Final log holds</th></tr></thead><tbody>${shown}</tbody></table>${more}</details>`;
  });
  return sections.join('');
}

function figuresSection(report: ExperimentReport): string {
  const f = report.figures;
  const errors = Object.entries(f.errorsByName);
  const rows = [
    ['Acknowledged writes', f.acknowledged],
    ['Indeterminate writes (may or may not be stored)', f.indeterminate],
    ['Failed writes', f.failed],
    ['Records processed by consumers', f.consumed],
    ['Records processed again after a rebalance (at-least-once redelivery)', f.redelivered],
    ['Longest window without an acknowledged write (ms)', f.longestUnavailableMs],
  ]
    .map(([k, v]) => `<tr><td>${escapeHtml(String(k))}</td><td class="num">${v}</td></tr>`)
    .join('');
  const firstAck = f.timeToFirstAck.map((t) => `<tr><td>${(t.atMs / 1000).toFixed(1)}s</td><td>${escapeHtml(t.step)}</td><td class="num">${t.firstAckAfterMs ?? 'none'}</td></tr>`).join('');
  return `<table><tbody>${rows}</tbody></table>
<h3>Time to the first acknowledged write after each fault</h3>${firstAck ? `<table><thead><tr><th>At</th><th>Step</th><th>ms</th></tr></thead><tbody>${firstAck}</tbody></table>` : '<p>No faults fired.</p>'}
<h3>Client errors by Kafka error name</h3>${errors.length ? `<table><tbody>${errors.map(([n, c]) => `<tr><td><code>${escapeHtml(n)}</code></td><td class="num">${c}</td></tr>`).join('')}</tbody></table>` : '<p>None.</p>'}`;
}

export function renderReportHtml(report: ExperimentReport): string {
  const p = report.plan;
  const events = report.events.slice(-300).map((e) => `<tr><td class="num">${(e.atMs / 1000).toFixed(1)}s</td><td>${escapeHtml(e.kind)}</td><td>${escapeHtml(e.message)}</td></tr>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(`Experiment ${p.name}: ${report.passed ? 'PASS' : 'FAIL'}`)}</title><style>${STYLE}</style></head>
<body>
<h1>Experiment ${escapeHtml(p.name)} <span id="verdict" class="verdict ${report.passed ? 'pass' : 'fail'}">${report.passed ? 'PASS' : 'FAIL'}</span></h1>
<p>${escapeHtml(p.description)}</p>
<p>Started ${escapeHtml(report.startedAt)}, ran ${(report.durationMs / 1000).toFixed(1)} s on ${p.cluster.brokers} broker(s). Topics: ${p.topics.map((t) => escapeHtml(`${t.name} (${t.partitions} partitions, RF ${t.replicationFactor}, min ISR ${t.minInsyncReplicas}${t.uncleanLeaderElection ? ', unclean election' : ''}${t.flushMessages !== null ? `, flush.messages=${t.flushMessages}` : ''})`)).join(', ')}.</p>
<h2>Checks</h2>${checksTable(report)}
<h2>Timeline</h2>${reportCharts(report)}
<h2>Anomalies</h2>${anomaliesSection(report)}
<h2>Figures</h2>${figuresSection(report)}
<h2>Engine events</h2>${events ? `<details><summary>${report.events.length} events</summary><table><tbody>${events}</tbody></table></details>` : '<p>None recorded.</p>'}
</body></html>
`;
}

/** Writes report.json and report.html into `dir`; returns their paths. */
export function writeReport(dir: string, report: ExperimentReport): { json: string; html: string } {
  mkdirSync(dir, { recursive: true });
  const json = join(dir, 'report.json');
  const html = join(dir, 'report.html');
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(html, renderReportHtml(report));
  return { json, html };
}
