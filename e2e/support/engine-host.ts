// Starts `brokerlab up --console --brokers N [--config k=v…]` on free ports with a fresh data folder, and ends it
// (SIGTERM, then SIGKILL after 10 s) with its folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = process.cwd();
const CONSOLE_LINE = /^console: (http:\/\/127\.0\.0\.1:(\d+)\/#token=([A-Za-z0-9_-]+))$/m;
const DATA_LINE = /^data: (.+)$/m;
const BOOTSTRAP_LINE = /^bootstrap: (.+)$/m;

export interface EngineHost {
  consoleUrl: string;
  dataDir: string;
  /** The embedded brokers' bootstrap servers, for independent clients (kcat). */
  bootstrap: string;
  stop(): Promise<void>;
}

export interface EngineHostOptions {
  /** Broker configs passed as `--config key=value` (short session and lag timeouts for fault journeys). */
  configs?: Record<string, string>;
  timeoutMs?: number;
  /** Extra environment for the host (e.g. BROKERLAB_SAMPLE_TICK_MS for a short sampler tick). */
  env?: Record<string, string>;
  /** Run on this folder and leave it on stop (a restart journey); default: a fresh folder, removed on stop. */
  dataDir?: string;
}

export async function startEngineHost(brokers: number, options: EngineHostOptions = {}): Promise<EngineHost> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) throw new Error('out/renderer is missing: run `npx electron-vite build` first');
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'brokerlab-e2e-'));
  const configArgs = Object.entries(options.configs ?? {}).flatMap(([k, v]) => ['--config', `${k}=${v}`]);
  const child: ChildProcess = spawn(
    process.execPath,
    [join(ROOT, 'bin', 'brokerlab.js'), 'up', '--console', '--brokers', String(brokers), '--port', '0', '--api-port', '0', '--data', dataDir, ...configArgs],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } },
  );
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    let out = '';
    const consoleUrl = await new Promise<string>((resolve, reject) => {
      let err = '';
      const timer = setTimeout(() => reject(new Error(`no console: line within ${timeoutMs} ms\nstdout: ${out.slice(-2000)}\nstderr: ${err.slice(-2000)}`)), timeoutMs);
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = CONSOLE_LINE.exec(out);
        if (m && DATA_LINE.test(out)) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`brokerlab up exited with ${code}\nstdout: ${out.slice(-2000)}\nstderr: ${err.slice(-2000)}`));
      });
    });
    const bootstrap = BOOTSTRAP_LINE.exec(out)?.[1] ?? '';
    return { consoleUrl, dataDir, bootstrap, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** A topic name no other run or test uses. */
export function uniqueTopic(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
}
