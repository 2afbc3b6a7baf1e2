import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isNotFound, writeFileAtomically } from './file-io';
import type { DurableListener } from './storage-context';
import { CorruptCheckpointError } from './storage-errors';

export interface MetaProperties {
  version: 1;
  nodeId: number;
  clusterId: string;
  directoryId: string;
}

/** A random Kafka Uuid in its text form; Kafka rejects ids whose text starts with '-'. */
export function randomUuidText(): string {
  for (;;) {
    const text = randomBytes(16).toString('base64url');
    if (!text.startsWith('-')) return text;
  }
}

/** Java's Properties.store escaping for the values we write (ids and numbers need none but ':' '=' '#'). */
function escapeValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/([:=#!])/g, '\\$1');
}

function unescapeValue(value: string): string {
  return value.replace(/\\(.)/g, '$1');
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** java.util.Date.toString() in UTC, the date comment Properties.store writes. */
function javaDateString(d: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

export function formatMetaProperties(meta: MetaProperties, writtenAt: Date = new Date()): string {
  // Java's Properties.store: a comment line, a date comment, then key=value lines.
  return [
    '#',
    `#${javaDateString(writtenAt)}`,
    `cluster.id=${escapeValue(meta.clusterId)}`,
    `directory.id=${escapeValue(meta.directoryId)}`,
    `node.id=${meta.nodeId}`,
    `version=${meta.version}`,
    '',
  ].join('\n');
}

export function parseProperties(text: string): Map<string, string> {
  const props = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    const m = /^((?:\\.|[^=:\s\\])+)\s*[=:\s]\s*(.*)$/.exec(line);
    if (m) props.set(unescapeValue(m[1]), unescapeValue(m[2]));
    else props.set(unescapeValue(line), '');
  }
  return props;
}

/** `meta.properties` of a broker folder (KRaft form: version 1 with node.id, cluster.id, directory.id). */
export class MetaPropertiesFile {
  constructor(
    readonly path: string,
    private readonly onDurable?: DurableListener,
  ) {}

  write(meta: MetaProperties): void {
    writeFileAtomically(this.path, formatMetaProperties(meta), this.onDurable);
  }

  read(): MetaProperties | undefined {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
    const props = parseProperties(text);
    const version = props.get('version');
    if (version !== '1') throw new CorruptCheckpointError(`${this.path}: unsupported meta.properties version ${version ?? '<missing>'}, expected 1`);
    const nodeIdText = props.get('node.id');
    const nodeId = Number(nodeIdText);
    if (nodeIdText === undefined || !/^\d+$/.test(nodeIdText)) throw new CorruptCheckpointError(`${this.path}: missing or invalid node.id`);
    const clusterId = props.get('cluster.id');
    if (!clusterId) throw new CorruptCheckpointError(`${this.path}: missing cluster.id`);
    const directoryId = props.get('directory.id') ?? '';
    return { version: 1, nodeId, clusterId, directoryId };
  }
}
