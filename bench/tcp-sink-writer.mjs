// Child process of the TCP sink comparison: connects to the sink, writes one frame per entry of the
// sizes file (each frame one socket write, waiting for 'drain' when the kernel buffer is full, as a
// client does), and times from the first write until the sink confirms it has read every byte.
// Usage: node tcp-sink-writer.mjs PORT SIZES_JSON_FILE   → prints {"ms":…, "bytes":…}
import { connect } from 'node:net';
import { readFileSync } from 'node:fs';

const [port, sizesFile] = process.argv.slice(2);
const sizes = JSON.parse(readFileSync(sizesFile, 'utf8'));
const total = sizes.reduce((a, b) => a + b, 0);
const frame = Buffer.alloc(Math.max(1, ...sizes), 0x61);

const socket = connect({ host: '127.0.0.1', port: Number(port) });
socket.on('error', (err) => {
  process.stderr.write(`tcp-sink-writer: ${err.message}\n`);
  process.exit(1);
});
await new Promise((resolve) => socket.once('connect', resolve));
const acked = new Promise((resolve) => socket.once('data', resolve));
const started = process.hrtime.bigint();
for (const size of sizes) {
  if (!socket.write(frame.subarray(0, size))) await new Promise((resolve) => socket.once('drain', resolve));
}
await acked;
const ms = Number(process.hrtime.bigint() - started) / 1e6;
socket.destroy();
process.stdout.write(JSON.stringify({ ms, bytes: total }) + '\n');
