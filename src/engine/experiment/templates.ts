// The shipped experiment templates: plan files under resources/experiments/, found from the
// package root both when running from sources (tests) and from the bundle (dist/cli).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExperimentTemplate } from '../../shared/experiment-types';
import { parsePlanText } from './plan-file';

export function templatesDir(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'resources', 'experiments');
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}: cannot find resources/experiments`);
    dir = parent;
  }
}

export function templateFiles(dir = templatesDir()): string[] {
  return readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

export function listTemplates(dir = templatesDir()): ExperimentTemplate[] {
  return templateFiles(dir).map((file) => {
    const source = readFileSync(file, 'utf8');
    const parsed = parsePlanText(source);
    const id = basename(file).replace(/\.(ya?ml|json)$/, '');
    return { id, name: parsed.ok ? parsed.plan.name : id, description: parsed.ok ? parsed.plan.description : '', source };
  });
}

/** A template's path by id (its file name without extension), or null. */
export function templatePath(id: string, dir = templatesDir()): string | null {
  return templateFiles(dir).find((f) => basename(f).replace(/\.(ya?ml|json)$/, '') === id) ?? null;
}
