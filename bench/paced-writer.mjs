// A paced record source for kcat -P: writes `rate` newline-terminated values per second to stdout
// for `seconds`, each value exactly `size` bytes: "<seq> <send-ns> xxxx…". <send-ns> is
// process.hrtime.bigint() — CLOCK_MONOTONIC, the same clock in every process on this machine — taken
// just before the write that carries the line, so a reader in another process can subtract it
// from its own hrtime on receipt. Lines due in the same timer tick (~1 ms; 10 at 10,000/s) go out in
// one write and carry the same stamp. On exit it prints {"sent":N,"seconds":S} to stderr.
//   node bench/paced-writer.mjs --rate 10000 --seconds 10 --size 100 | kcat -P …
import { writeSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { rate: { type: 'string' }, seconds: { type: 'string' }, size: { type: 'string' } },
  strict: true,
});
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const size = Number(values.size ?? '100');
if (!(rate > 0 && rate <= 1_000_000)) throw new Error(`--rate must be 1..1000000 records/s, got ${values.rate}`);
if (!(seconds > 0 && seconds <= 3600)) throw new Error(`--seconds must be in (0, 3600], got ${values.seconds}`);
if (!(Number.isInteger(size) && size >= 40 && size <= 100_000)) throw new Error(`--size must be a whole number 40..100000, got ${values.size}`);

const total = Math.round(rate * seconds);
const padding = 'x'.repeat(size);
let sent = 0;
const started = process.hrtime.bigint();

function tick() {
  const now = process.hrtime.bigint();
  const due = Math.min(total, Math.floor((Number(now - started) / 1e9) * rate) + 1);
  if (due > sent) {
    const stamp = process.hrtime.bigint().toString();
    let chunk = '';
    for (; sent < due; sent++) {
      const head = `${sent} ${stamp} `;
      chunk += head + padding.slice(head.length) + '\n';
    }
    // fd 1 written synchronously: the stamp is taken right before the bytes enter the pipe, and a
    // reader that falls behind slows the writer rather than queueing lines in this process.
    try {
      writeSync(1, chunk);
    } catch (err) {
      if (err.code === 'EPIPE') return finish();
      throw err;
    }
  }
  if (sent >= total) return finish();
  setTimeout(tick, 1);
}

function finish() {
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  process.stderr.write(`${JSON.stringify({ sent, seconds: Number(elapsed.toFixed(3)) })}\n`);
}

tick();
