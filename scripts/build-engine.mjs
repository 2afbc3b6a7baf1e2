// Bundles the engine and CLI with esbuild so a broker process starts with plain `node`,
// no TypeScript loader. Native codecs stay external: they ship as napi-rs platform packages.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const started = Date.now();
// Old chunks would pile up under new hashes and a removed entry would linger: start empty.
rmSync('dist', { recursive: true, force: true });
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
};
await Promise.all([
  build({
    ...common,
    entryPoints: { 'cli/brokerlab': 'src/cli/main.ts' },
    outdir: 'dist',
    outExtension: { '.js': '.mjs' },
    // Shared chunks and lazily imported commands, so each command parses only what it runs.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    format: 'esm',
  }),
  build({
    ...common,
    // One CommonJS file: Node's ES-module loader alone costs a broker about 2 MiB of resident memory
    // at idle, and a broker process loads nearly all of its code anyway (docs/decisions.md).
    // The workload process (issue 14) is bundled the same way: started with plain `node` by the host.
    entryPoints: { 'engine/broker-process': 'src/engine/broker/process-main.ts', 'engine/workload-runner': 'src/engine/workloads/runner-main.ts' },
    outdir: 'dist',
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    define: { 'import.meta.url': '__brokerlabModuleUrl' },
    banner: { js: "const __brokerlabModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  }),
  build({
    ...common,
    // The search filter's worker thread (issue 12): QuickJS stays an external package, so its .wasm
    // is read from node_modules beside the module that loads it, from dist/ and from sources alike.
    entryPoints: { 'engine/filter-worker': 'src/engine/host/messages/search/filter-worker.ts' },
    outdir: 'dist',
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    define: { 'import.meta.url': '__brokerlabModuleUrl' },
    banner: { js: "const __brokerlabModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  }),
]);
console.log(`engine bundled in ${Date.now() - started} ms`);
