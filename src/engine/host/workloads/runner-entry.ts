import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ENTRY = join('dist', 'engine', 'workload-runner.cjs');

/** The bundled workload process, found as brokerEntryPath finds the broker's (walking up to package.json). */
export function workloadRunnerPath(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) {
      const entry = join(dir, ENTRY);
      if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build:engine\` first`);
      return entry;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}: cannot find ${ENTRY}`);
    dir = parent;
  }
}
