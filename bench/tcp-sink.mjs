// The raw loopback baseline: a TCP server on 127.0.0.1:0 that reads and discards, fed by a separate
// writer process (tcp-sink-writer.mjs) with the same frame sizes, in the same order, that kcat and
// the broker exchanged in the run being compared. Reader and writer are separate processes, as
// kcat and the broker are, so both cores are available to it just as to them.
import { createServer } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnGroup, killGroup } from './processes.mjs';

const WRITER = join(dirname(fileURLToPath(import.meta.url)), 'tcp-sink-writer.mjs');

export async function startSink() {
  let expected = 0;
  const server = createServer((socket) => {
    let received = 0;
    let acked = false;
    socket.on('data', (chunk) => {
      received += chunk.length;
      if (!acked && received >= expected) {
        acked = true;
        socket.write(Buffer.of(1));
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();

  /** Sends `sizes` (bytes per write) through the sink; resolves with the writer's {ms, bytes}. */
  async function replay(sizes, scratchDir, timeoutMs = 60_000) {
    expected = sizes.reduce((a, b) => a + b, 0);
    if (expected === 0) return { ms: NaN, bytes: 0 };
    const sizesFile = join(scratchDir, 'sink-frames.json');
    writeFileSync(sizesFile, JSON.stringify(sizes));
    const proc = spawnGroup(process.execPath, [WRITER, String(port), sizesFile], ['ignore', 'pipe', 'pipe']);
    let out = '';
    let err = '';
    proc.child.stdout.on('data', (c) => (out += c));
    proc.child.stderr.on('data', (c) => (err += c));
    const timer = setTimeout(() => killGroup(proc.pid, 'SIGKILL'), timeoutMs);
    const exit = await proc.exited;
    clearTimeout(timer);
    if (!proc.child.stdout.readableEnded) await new Promise((resolve) => proc.child.stdout.once('close', resolve));
    if (exit.code !== 0) throw new Error(`TCP sink writer failed (${exit.signal ?? exit.code}): ${err.trim()}`);
    return JSON.parse(out);
  }

  return { port, replay, close: () => new Promise((resolve) => server.close(resolve)) };
}
