// Bundles bench/sampler-kit.ts (the engine's client and sampler) with esbuild into
// dist/bench-kit/kit.mjs (beside the engine bundle, so its packages resolve) and imports it, so a benchmark runs the engine code itself without a TypeScript loader.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const HERE = dirname(fileURLToPath(import.meta.url));

/** `entry`: the kit's source beside this file (the search benchmark has its own). */
export async function loadKit(entry = 'sampler-kit.ts') {
  const out = join(HERE, '..', 'dist', 'bench-kit', entry.replace(/\.ts$/, '.mjs'));
  await build({
    entryPoints: [join(HERE, entry)],
    outfile: out,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  return import(pathToFileURL(out).href);
}
