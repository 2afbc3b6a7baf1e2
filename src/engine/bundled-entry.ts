import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A bundled entry under dist/engine (the broker process, the workload process, the filter worker).
 * The host may itself run from the bundle (dist/cli) or from sources (tests), so the package root
 * is found by walking up to package.json.
 */
export function bundledEntryPath(file: string, from: string = fileURLToPath(import.meta.url)): string {
  const relative = join('dist', 'engine', file);
  for (let dir = dirname(from); ; ) {
    if (existsSync(join(dir, 'package.json'))) {
      const entry = join(dir, relative);
      if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build:engine\` first`);
      return entry;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}: cannot find ${relative}`);
    dir = parent;
  }
}
