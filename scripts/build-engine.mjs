// Bundles the engine and CLI with esbuild so a broker process starts with plain `node`,
// no TypeScript loader. Native codecs stay external: they ship as napi-rs platform packages.
import { build } from 'esbuild';

const started = Date.now();
await build({
  entryPoints: {
    'cli/brokerlab': 'src/cli/main.ts',
    'engine/broker-process': 'src/engine/broker/process-main.ts',
  },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  // Shared chunks and lazily imported commands, so each process parses only what it runs.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
console.log(`engine bundled in ${Date.now() - started} ms`);
