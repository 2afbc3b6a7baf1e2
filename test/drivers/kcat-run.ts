// Runs one kcat process to completion under a deadline: the harness never waits on kcat forever.
import { spawnTracked, type ExitInfo } from '../fixtures/tracked';

export const KCAT = process.env['KCAT'] ?? 'kcat';

export interface KcatRun {
  exit: ExitInfo;
  timedOut: boolean;
  stdout: Buffer;
  stderr: string;
  args: string[];
}

export async function runKcat(args: string[], options: { input?: Buffer; timeoutMs: number }): Promise<KcatRun> {
  const proc = spawnTracked(KCAT, args, { stdin: options.input ? 'pipe' : 'ignore', label: `kcat ${args.join(' ')}`.slice(0, 200) });
  if (options.input) {
    // kcat may die before reading everything (bad broker, fatal error): that is its report, not ours.
    proc.child.stdin!.on('error', () => undefined);
    proc.child.stdin!.end(options.input);
  }
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    proc.killGroup('SIGKILL');
  }, options.timeoutMs);
  const exit = await proc.exited;
  clearTimeout(timer);
  return { exit, timedOut, stdout: proc.stdoutBytes(), stderr: proc.stderr(), args };
}

export function describeRun(run: KcatRun): string {
  const how = run.timedOut ? 'timed out' : run.exit.signal ? `died of ${run.exit.signal}` : `exited with code ${run.exit.code}`;
  return `kcat ${run.args.join(' ')} ${how}\n--- stderr ---\n${run.stderr.slice(-4000)}`;
}

/** `-X key=value` pairs, in a stable order. */
export function configArgs(config: Record<string, string | number | boolean> | undefined): string[] {
  return Object.entries(config ?? {}).flatMap(([k, v]) => ['-X', `${k}=${String(v)}`]);
}
