// Proves the layer rules of .dependency-cruiser.cjs bite: a fixture tree with one forbidden
// import per rule must fail `depcruise` exactly as `npm run lint` runs it, and a tree that keeps
// the layers must pass.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = process.cwd();
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

// Inside the repo so `electron` and `react` resolve from the project's node_modules.
mkdirSync(join(ROOT, '.tmp'), { recursive: true });
const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function fixture(files: Record<string, string>): string {
  const dir = mkdtempSync(join(ROOT, '.tmp', 'depcruise-'));
  made.push(dir);
  const tsconfig = { compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', jsx: 'react-jsx', strict: true } };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function lint(dir: string): { status: number | null; output: string } {
  // No colours: CI sets environment variables that make depcruise colour its output, and the
  // assertions read the text.
  const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
  const run = spawnSync(process.execPath, [DEPCRUISE, 'src', '--config', CONFIG], { cwd: dir, encoding: 'utf8', timeout: 30_000, env });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

const CLEAN: Record<string, string> = {
  'src/shared/contract.ts': 'export interface Api { version: string }\n',
  'src/engine/broker/log.ts': "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
  'src/main/index.ts': "import { app } from 'electron';\nimport { read } from '../engine/broker/log';\nexport { app, read };\n",
  'src/preload/index.ts': "import { contextBridge } from 'electron';\nimport type { Api } from '../shared/contract';\nconst api: Api = { version: '1' };\ncontextBridge.exposeInMainWorld('x', api);\n",
  'src/renderer/src/App.tsx': "import { useState } from 'react';\nimport type { Api } from '../../shared/contract';\nexport function useApi(): Api | null { return useState<Api | null>(null)[0]; }\n",
};

describe('.dependency-cruiser.cjs layer rules', () => {
  it('pass a tree that keeps the layers (extensionless TypeScript imports)', () => {
    const result = lint(fixture(CLEAN));
    expect(result.output).toContain('no dependency violations found');
    expect(result.status).toBe(0);
  });

  it('catch one forbidden import per rule', () => {
    const dir = fixture({
      ...CLEAN,
      'src/engine/host/bad-electron.ts': "import { app } from 'electron';\nexport const a = app;\n",
      'src/engine/host/bad-main.ts': "import { app } from '../../main/index';\nexport const a = app;\n",
      'src/renderer/src/bad-fs.ts': "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n",
      'src/renderer/src/bad-engine.ts': "import type { read } from '../../engine/broker/log';\nexport type R = typeof read;\n",
      'src/renderer/src/bad-electron.ts': "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n",
      'src/shared/bad-path.ts': "import { join } from 'path';\nexport const j = join;\n",
      'src/shared/bad-renderer.ts': "import { useApi } from '../renderer/src/App';\nexport const u = useApi;\n",
      'src/shared/bad-electron.ts': "import type { App } from 'electron';\nexport type A = App;\n",
      'src/preload/bad-path.ts': "import { join } from 'node:path';\nexport const j = join;\n",
      'src/preload/bad-engine.ts': "import { read } from '../engine/broker/log';\nexport const r = read;\n",
      'src/engine/broker/bad-missing.ts': "import { nothing } from './does-not-exist';\nexport const n = nothing;\n",
    });
    const result = lint(dir);
    expect(result.status).not.toBe(0);
    const expected: Array<[string, string]> = [
      ['engine-not-to-ui', 'src/engine/host/bad-electron.ts'],
      ['engine-not-to-ui', 'src/engine/host/bad-main.ts'],
      ['renderer-no-node-builtins', 'src/renderer/src/bad-fs.ts'],
      ['renderer-only-shared', 'src/renderer/src/bad-engine.ts'],
      ['renderer-no-node-or-electron', 'src/renderer/src/bad-electron.ts'],
      ['shared-no-node-builtins', 'src/shared/bad-path.ts'],
      ['shared-stands-alone', 'src/shared/bad-renderer.ts'],
      ['shared-no-node-or-electron', 'src/shared/bad-electron.ts'],
      ['preload-only-electron-and-shared', 'src/preload/bad-path.ts'],
      ['preload-only-electron-and-shared', 'src/preload/bad-engine.ts'],
      ['not-to-unresolvable', 'src/engine/broker/bad-missing.ts'],
    ];
    for (const [rule, file] of expected) {
      expect(result.output, `${rule} for ${file}`).toMatch(new RegExp(`${rule}: ${file.replace(/\./g, '\\.')} →`));
    }
    // The clean files of the same tree raise nothing.
    expect(result.output).not.toMatch(/: src\/(main\/index|preload\/index|renderer\/src\/App)\.tsx? →/);
  });
});
