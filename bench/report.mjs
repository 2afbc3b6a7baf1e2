// Statistics and the printed report: median and min (or best) of each figure, and each figure's
// ratio to the target issue 3 §6 sets for it.

/** Targets on a 2-core machine with the client on the same box, for 100-byte records. */
export const TARGETS = {
  produceRecordsPerSec100B: 800_000,
  consumeRecordsPerSec100B: 1_000_000,
  startToReadyMs: 300,
};

export function median(values) {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** Nearest-rank percentile (p in 0..1) of an ascending array. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

export const min = (values) => Math.min(...values.filter(Number.isFinite));
export const max = (values) => Math.max(...values.filter(Number.isFinite));

export const fmtInt = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—');
export const fmt1 = (n) => (Number.isFinite(n) ? n.toFixed(1) : '—');
export const fmt2 = (n) => (Number.isFinite(n) ? n.toFixed(2) : '—');

/** A plain fixed-width table: `rows` are arrays of strings, the first row the header. */
export function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  const line = (r) => r.map((cell, c) => (c === 0 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]))).join('  ');
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/**
 * Summary of one direction (produce or consume) over the runs: records/s and MB/s as median and
 * "min", where min is the slowest run's figure (the minimum throughput), and the ratio to the sink.
 */
export function summarise(runs, payloadBytes, records) {
  const ok = runs.filter((r) => r.ok);
  const rps = ok.map((r) => records / (r.ms / 1000));
  const mbps = ok.map((r) => payloadBytes / 1e6 / (r.ms / 1000));
  const sinkRatio = ok.map((r) => r.sinkMs / r.ms);
  const sinkMBps = ok.map((r) => r.wireBytes / 1e6 / (r.sinkMs / 1000));
  return {
    runs: runs.length,
    failedRuns: runs.length - ok.length,
    recordsPerSec: { median: median(rps), min: ok.length ? min(rps) : NaN },
    payloadMBPerSec: { median: median(mbps), min: ok.length ? min(mbps) : NaN },
    msPerRun: runs.map((r) => Math.round(r.ms)),
    wireBytesPerRun: median(ok.map((r) => r.wireBytes)),
    framesPerRun: median(ok.map((r) => r.frames)),
    sinkWireMBPerSec: median(sinkMBps),
    ratioToSink: { median: median(sinkRatio), min: ok.length ? min(sinkRatio) : NaN },
    maxRttMs: ok.length ? max(ok.map((r) => r.maxRttMs)) : NaN,
  };
}

export function targetLine(label, value, target, unit, higherIsBetter = true) {
  const ratio = value / target;
  const meets = higherIsBetter ? value >= target : value <= target;
  return `${label}: ${fmtInt(value)} ${unit} = ${fmt2(ratio)} × target ${fmtInt(target)} ${unit}${meets ? '  (meets target)' : '  (misses target)'}`;
}
