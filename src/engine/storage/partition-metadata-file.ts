import { readFileSync } from 'node:fs';
import { isNotFound, writeFileAtomically } from './file-io';
import type { DurableListener } from './storage-context';
import { CorruptCheckpointError } from './storage-errors';

/** Kafka's Uuid text form: 16 bytes in URL-safe base64 without padding (22 characters). */
const TOPIC_ID_TEXT = /^[A-Za-z0-9_-]{22}$/;

export function isTopicIdText(text: string): boolean {
  return TOPIC_ID_TEXT.test(text) && Buffer.from(text, 'base64url').length === 16;
}

/**
 * `partition.metadata`: "version: 0\ntopic_id: <uuid>\n", as Kafka's PartitionMetadataFile writes
 * it, so a recreated topic with the same name is not mistaken for the old one.
 */
export class PartitionMetadataFile {
  constructor(
    readonly path: string,
    private readonly onDurable?: DurableListener,
  ) {}

  static format(topicId: string): string {
    return `version: 0\ntopic_id: ${topicId}\n`;
  }

  write(topicId: string): void {
    if (!isTopicIdText(topicId)) throw new RangeError(`Invalid topic id ${topicId}: expected 22 base64url characters`);
    writeFileAtomically(this.path, PartitionMetadataFile.format(topicId), this.onDurable);
  }

  /** The stored topic id, or undefined when the file does not exist. */
  read(): string | undefined {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
    const lines = text.split('\n');
    const version = /^version: (\d+)$/.exec(lines[0] ?? '');
    if (!version) throw new CorruptCheckpointError(`Malformed version line in ${this.path}: '${lines[0] ?? ''}'`);
    if (version[1] !== '0') throw new CorruptCheckpointError(`Unrecognized version of partition metadata file ${this.path}: ${version[1]}`);
    const id = /^topic_id: (\S+)$/.exec(lines[1] ?? '');
    if (!id || !isTopicIdText(id[1])) throw new CorruptCheckpointError(`Malformed topic id line in ${this.path}: '${lines[1] ?? ''}'`);
    return id[1];
  }
}
