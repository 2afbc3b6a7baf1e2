import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ENTRY = join('dist', 'engine', 'broker-process.cjs');

/**
 * The bundled broker entry. The host may itself run from the bundle (dist/cli) or from sources
 * (tests), so the package root is found by walking up to package.json.
 */
export function brokerEntryPath(from: string = fileURLToPath(import.meta.url)): string {
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
