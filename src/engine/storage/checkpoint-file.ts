import { readFileSync } from 'node:fs';
import { isNotFound, writeFileAtomically } from './file-io';
import type { TopicPartition } from './log-file-names';
import type { DurableListener } from './storage-context';
import { CorruptCheckpointError } from './storage-errors';

/**
 * Kafka's checkpoint text format (CheckpointFile): a version line, an entry-count line, then one
 * line per entry with space-separated fields, each line ending in "\n". Written atomically.
 */
export const CHECKPOINT_VERSION = 0;

export function formatCheckpoint(version: number, lines: readonly string[]): string {
  return `${version}\n${lines.length}\n${lines.map((l) => `${l}\n`).join('')}`;
}

/** The fields of each entry line; undefined when the file does not exist. */
export function readCheckpoint(path: string, expectedVersion: number): string[][] | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const version = parseWholeNumber(lines[0]);
  if (version !== expectedVersion) {
    throw new CorruptCheckpointError(`Unrecognized version of the checkpoint file (${path}): ${lines[0] ?? '<empty>'}`);
  }
  const count = parseWholeNumber(lines[1]);
  if (count === undefined) throw new CorruptCheckpointError(`Malformed entry count in checkpoint file (${path}): '${lines[1] ?? ''}'`);
  const entries = lines.slice(2).map((l) => l.trim().split(/\s+/));
  if (entries.length !== count) {
    throw new CorruptCheckpointError(`Expected ${count} entries in checkpoint file (${path}), but found ${entries.length}`);
  }
  return entries;
}

function parseWholeNumber(text: string | undefined): number | undefined {
  if (text === undefined || !/^-?\d+$/.test(text.trim())) return undefined;
  const n = Number(text.trim());
  return Number.isSafeInteger(n) ? n : undefined;
}

function malformed(path: string, fields: string[]): CorruptCheckpointError {
  return new CorruptCheckpointError(`Malformed line in checkpoint file (${path}): '${fields.join(' ')}'`);
}

export interface TopicPartitionOffset extends TopicPartition {
  offset: number;
}

/**
 * `recovery-point-offset-checkpoint`, `log-start-offset-checkpoint` and
 * `replication-offset-checkpoint`: lines of "topic partition offset".
 */
export class OffsetCheckpointFile {
  constructor(
    readonly path: string,
    private readonly onDurable?: DurableListener,
  ) {}

  static format(entries: readonly TopicPartitionOffset[]): string {
    const sorted = [...entries].sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
    return formatCheckpoint(CHECKPOINT_VERSION, sorted.map((e) => `${e.topic} ${e.partition} ${e.offset}`));
  }

  write(entries: readonly TopicPartitionOffset[]): void {
    writeFileAtomically(this.path, OffsetCheckpointFile.format(entries), this.onDurable);
  }

  read(): TopicPartitionOffset[] {
    const rows = readCheckpoint(this.path, CHECKPOINT_VERSION) ?? [];
    return rows.map((fields) => {
      const partition = parseWholeNumber(fields[1]);
      const offset = parseWholeNumber(fields[2]);
      if (fields.length !== 3 || partition === undefined || offset === undefined) throw malformed(this.path, fields);
      return { topic: fields[0], partition, offset };
    });
  }
}

export interface EpochEntry {
  epoch: number;
  startOffset: number;
}

/** `leader-epoch-checkpoint`: lines of "epoch startOffset". */
export class LeaderEpochCheckpointFile {
  constructor(
    readonly path: string,
    private readonly onDurable?: DurableListener,
  ) {}

  static format(entries: readonly EpochEntry[]): string {
    return formatCheckpoint(CHECKPOINT_VERSION, entries.map((e) => `${e.epoch} ${e.startOffset}`));
  }

  write(entries: readonly EpochEntry[]): void {
    writeFileAtomically(this.path, LeaderEpochCheckpointFile.format(entries), this.onDurable);
  }

  read(): EpochEntry[] {
    const rows = readCheckpoint(this.path, CHECKPOINT_VERSION) ?? [];
    return rows.map((fields) => {
      const epoch = parseWholeNumber(fields[0]);
      const startOffset = parseWholeNumber(fields[1]);
      if (fields.length !== 2 || epoch === undefined || startOffset === undefined) throw malformed(this.path, fields);
      return { epoch, startOffset };
    });
  }
}
