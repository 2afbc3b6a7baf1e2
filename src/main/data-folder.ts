import { isAbsolute, join, resolve } from 'node:path';

/**
 * The embedded cluster's data folder: the app's user-data folder by default; `--data=DIR` on the
 * command line or BROKERLAB_DATA changes it (pure, so it is unit-tested without Electron).
 */
export function dataFolder(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, userData: string): string {
  const flag = argv.find((a) => a.startsWith('--data='))?.slice('--data='.length);
  const chosen = flag || env['BROKERLAB_DATA'];
  if (!chosen) return join(userData, 'data');
  return isAbsolute(chosen) ? chosen : resolve(chosen);
}
