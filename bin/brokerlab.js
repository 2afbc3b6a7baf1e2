#!/usr/bin/env node
// The `brokerlab` command: runs the bundled CLI, bundling it first on a fresh checkout.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'dist', 'cli', 'brokerlab.mjs');
if (!existsSync(entry) || !existsSync(join(root, 'dist', 'engine', 'broker-process.cjs')) || !existsSync(join(root, 'dist', 'engine', 'workload-runner.cjs'))) {
  execFileSync(process.execPath, [join(root, 'scripts', 'build-engine.mjs')], { cwd: root, stdio: 'ignore' });
}
await import(pathToFileURL(entry).href);
