// Issue 15 §4: each shipped experiment template runs headless within 30 s (its own cluster started
// on a temporary folder, workloads, faults, the final log read back, the verdict). Each template is
// run as a user runs it — `brokerlab experiment run template:ID` — and timed from spawn to exit;
// the figure is the wall time against the 30 s limit, with the verdict's exit code (0: every check
// as the plan expects).
//   npm run bench:experiments          node bench/experiments.mjs [--only ID]
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { installCleanupHooks, makeTempDir, removeTempDir } from './processes.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');
const LIMIT_MS = 30_000;
const { values: flags } = parseArgs({ options: { only: { type: 'string' } }, strict: true });
const log = (line) => process.stdout.write(`${line}\n`);

installCleanupHooks();
const ids = readdirSync(join(ROOT, 'resources', 'experiments'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''))
  .filter((id) => !flags.only || id === flags.only);
const dir = makeTempDir('brokerlab-bench-experiments-');
const results = [];
try {
  log(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  for (const id of ids) {
    const started = process.hrtime.bigint();
    const code = await new Promise((resolve) => {
      const child = spawn(process.execPath, [join(ROOT, 'bin', 'brokerlab.js'), 'experiment', 'run', `template:${id}`, '--report', join(dir, id)], { stdio: ['ignore', 'ignore', 'inherit'] });
      child.on('exit', (c) => resolve(c ?? 1));
    });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    results.push({ id, ms: Math.round(ms), exitCode: code, ratioToLimit: Number((ms / LIMIT_MS).toFixed(2)) });
    log(`${id.padEnd(36)} ${(ms / 1000).toFixed(1).padStart(5)} s  (${(ms / LIMIT_MS).toFixed(2)} of the 30 s limit)  verdict exit ${code}`);
  }
  const worst = Math.max(...results.map((r) => r.ms));
  log(`slowest template: ${(worst / 1000).toFixed(1)} s — ${worst <= LIMIT_MS ? 'within' : 'OVER'} the 30 s limit; load average at end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  mkdirSync(join(HERE, 'results'), { recursive: true });
  writeFileSync(join(HERE, 'results', 'experiments-latest.json'), `${JSON.stringify({ measuredAt: new Date().toISOString(), limitMs: LIMIT_MS, results }, null, 2)}\n`);
  process.exitCode = results.every((r) => r.exitCode === 0) ? 0 : 1;
} finally {
  removeTempDir(dir);
}
