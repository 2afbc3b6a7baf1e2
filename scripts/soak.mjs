// `npm run soak`: random faults every 5–20 s over an idempotent acks=all producer and a consumer
// group (3 brokers, RF 3, min.insync.replicas 2), for 10 minutes by default. One fault at a time,
// each healed before the next: Kafka promises no anomaly, so the run must end with every check
// held. The plan is generated (seeded) and run by `brokerlab experiment run`; its report lands in
// .tmp/soak-<time>/ and a summary (seed, checks, figures) in bench/results/soak-latest.json.
//   npm run soak -- [--minutes N] [--seed S]
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { minutes: { type: 'string' }, seed: { type: 'string' } }, strict: true });
const minutes = values.minutes === undefined ? 10 : Number(values.minutes);
if (!(minutes > 0 && minutes <= 24 * 60)) throw new Error(`--minutes must be a number of minutes > 0, got ${values.minutes}`);
let seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
const firstSeed = seed;
/** A small seeded generator (mulberry32), so a failing soak can be replayed with --seed. */
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const between = (lo, hi) => lo + random() * (hi - lo);
const pick = (list) => list[Math.floor(random() * list.length)];

const TARGETS = ['leader of soak-0', 'leader of soak-1', 'leader of soak-2', 'coordinator of group soak-readers', '1', '2', '3'];
// Each fault with the step that heals it.
const FAULTS = [
  (target, as) => [{ do: 'kill', target, as }, { do: 'start', target: `$${as}` }],
  (target, as) => [{ do: 'stop', target, as }, { do: 'start', target: `$${as}` }],
  (target, as) => [{ do: 'pause', target, as }, { do: 'resume', target: `$${as}` }],
  (target, as) => [{ do: 'isolate', target, as }, { do: 'heal', target: `$${as}` }],
  (target, as) => [{ do: 'power-loss', target, as }, { do: 'start', target: `$${as}` }],
  (target, as) => [{ do: 'latency', target, as, ms: 300 }, { do: 'latency', target: `$${as}`, ms: 0 }],
  (target, as) => [{ do: 'cut-links', target, as }, { do: 'heal-links', target: `$${as}` }],
];

const durationMs = Math.round(minutes * 60_000);
const schedule = [];
let at = between(5_000, 20_000);
let n = 0;
while (at + 6_000 < durationMs) {
  const [fault, heal] = pick(FAULTS)(pick(TARGETS), `f${++n}`);
  const healAt = at + between(2_000, 4_000);
  schedule.push({ at: Math.round(at), ...fault }, { at: Math.round(healAt), ...heal });
  at = healAt + between(5_000, 20_000);
}
const plan = {
  name: 'soak',
  description: `${minutes} min of random faults (seed ${firstSeed}) over an idempotent acks=all producer and a consumer group: no anomaly expected.`,
  duration: durationMs,
  settle: 30_000,
  cluster: { brokers: 3, config: { 'broker.session.timeout.ms': 3000, 'broker.heartbeat.interval.ms': 500, 'replica.lag.time.max.ms': 5000 } },
  topics: [{ name: 'soak', partitions: 3, replicationFactor: 3, minInsyncReplicas: 2 }],
  workloads: [
    { type: 'producer', name: 'p1', topic: 'soak', rate: 200, acks: 'all', idempotence: true, deliveryTimeout: '120s', requestTimeout: '10s' },
    { type: 'consumer', name: 'c1', topic: 'soak', group: 'soak-readers', members: 2, commit: 'at-least-once' },
  ],
  schedule,
  checks: ['no-lost-acknowledged', 'no-duplicates', 'ordered-per-producer-partition', 'consistent-offsets', 'no-consumer-skips', 'no-consumer-rewinds', 'no-unseen-after-heal'],
};
const dir = join(ROOT, '.tmp', `soak-${new Date().toISOString().replace(/[:.]/g, '-')}`);
mkdirSync(dir, { recursive: true });
const planFile = join(dir, 'plan.json');
writeFileSync(planFile, `${JSON.stringify(plan, null, 2)}\n`);
process.stdout.write(`soak: ${minutes} min, ${schedule.length / 2} faults, seed ${firstSeed}; plan ${planFile}\n`);
const child = spawn(process.execPath, [join(ROOT, 'bin', 'brokerlab.js'), 'experiment', 'run', planFile, '--report', dir], { stdio: 'inherit' });
const forward = (signal) => child.kill(signal);
process.on('SIGINT', forward);
process.on('SIGTERM', forward);
child.on('exit', (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
  try {
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    const summary = {
      at: report.startedAt,
      minutes,
      seed: firstSeed,
      steps: report.fired.filter((f) => f.outcome === 'applied').length,
      failedSteps: report.fired.filter((f) => f.outcome === 'failed').map((f) => `${f.step}: ${f.detail}`),
      passed: report.passed,
      checks: Object.fromEntries(report.checks.map((c) => [c.name, c.held ? 'held' : `${c.anomalies} anomalies`])),
      figures: { ...report.figures, timeToFirstAck: undefined },
      timeToFirstAckMs: report.figures.timeToFirstAck.map((t) => `${t.step}: ${t.firstAckAfterMs ?? 'none'}`),
      report: join(dir, 'report.html'),
    };
    writeFileSync(join(ROOT, 'bench', 'results', 'soak-latest.json'), `${JSON.stringify(summary, null, 2)}\n`);
    process.stdout.write(`soak: ${summary.passed ? 'PASS' : 'FAIL'} — ${summary.steps} steps (faults and heals), ${report.figures.acknowledged} acknowledged, ${report.anomalies.length} anomalies, longest unavailability ${report.figures.longestUnavailableMs} ms\n`);
  } catch (err) {
    process.stdout.write(`soak: no report (${err.message})\n`);
  }
});
