import { join } from 'node:path';
import { OffsetCheckpointFile, type TopicPartitionOffset } from './checkpoint-file';
import { topicPartitionName, type TopicPartition } from './log-file-names';
import type { StorageLogger, DurableListener } from './storage-context';
import { errorMessage } from './storage-errors';

/** Kafka's LogCleanerManager keeps each log's first dirty offset here, in the broker folder. */
export const CLEANER_OFFSET_CHECKPOINT_FILE = 'cleaner-offset-checkpoint';

/**
 * `cleaner-offset-checkpoint`: per partition, the offset where the dirty (not yet cleaned) part of
 * the log starts. The same text format as the other offset checkpoints ("topic partition offset"),
 * written atomically. An unreadable file only costs a full clean, so it reads as empty.
 */
export class CleanerOffsetCheckpoint {
  private readonly file: OffsetCheckpointFile;

  constructor(
    brokerDir: string,
    private readonly logger: StorageLogger,
    onDurable?: DurableListener,
  ) {
    this.file = new OffsetCheckpointFile(join(brokerDir, CLEANER_OFFSET_CHECKPOINT_FILE), onDurable);
  }

  get path(): string {
    return this.file.path;
  }

  read(): Map<string, number> {
    try {
      return new Map(this.file.read().map((e) => [topicPartitionName(e), e.offset]));
    } catch (err) {
      this.logger.warn(`Ignoring unreadable ${this.file.path}: ${errorMessage(err)}`);
      return new Map();
    }
  }

  /**
   * Sets (or with `undefined` removes) one partition's entry, keeping only the partitions in
   * `live` as Kafka's updateCheckpoints does, so a deleted partition's offset does not linger.
   */
  update(tp: TopicPartition, offset: number | undefined, live: ReadonlySet<string>): void {
    const entries = this.read();
    const key = topicPartitionName(tp);
    if (offset === undefined) entries.delete(key);
    else entries.set(key, offset);
    const out: TopicPartitionOffset[] = [];
    for (const [name, value] of entries) {
      if (!live.has(name) && name !== key) continue;
      const dash = name.lastIndexOf('-');
      out.push({ topic: name.slice(0, dash), partition: Number(name.slice(dash + 1)), offset: value });
    }
    this.file.write(out);
  }
}
