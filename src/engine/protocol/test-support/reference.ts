import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repo root: three levels above src/engine/protocol/test-support. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
/** Kafka's reference definitions live beside the repo, in ../shared (never inside it). */
export const referenceDir = path.resolve(repoRoot, '..', 'shared', 'kafka-protocol');
export const hasReference = existsSync(path.join(referenceDir, 'messages'));

export interface JsonField {
  name: string;
  type: string;
  versions: string;
  nullableVersions?: string;
  taggedVersions?: string;
  tag?: number | string;
  default?: string | number | boolean;
  flexibleVersions?: string;
  fields?: JsonField[];
}

export interface JsonMessage {
  name: string;
  type: string;
  apiKey?: number;
  validVersions: string;
  flexibleVersions: string;
  fields: JsonField[];
  commonStructs?: Array<{ name: string; fields: JsonField[] }>;
}

/** Reads one definition; the files carry // comments, which strict JSON does not allow. */
export function loadReference(file: string): JsonMessage {
  const text = readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.replace(/^\s*\/\/.*$/, ''))
    .join('\n');
  return JSON.parse(text) as JsonMessage;
}

export function referenceFile(name: string): string {
  const inMessages = path.join(referenceDir, 'messages', `${name}.json`);
  return existsSync(inMessages) ? inMessages : path.join(referenceDir, 'group-records', `${name}.json`);
}
