import { ApiKey } from '../protocol/api-keys';
import { ErrorCode, errorName } from '../protocol/errors';
import { diffImages, type MetadataDelta } from '../controller/metadata-delta';
import { EMPTY_IMAGE, applyBatch, foldRecords, withOffset, type MetadataImage } from '../controller/metadata-image';
import { scanBatches } from '../controller/metadata-log';
import { METADATA_TOPIC } from '../controller/rpc/metadata-fetch-handler';
import type { Logger } from '../logger';
import type { ControllerLink } from './controller-link';

export type MetadataListener = (delta: MetadataDelta, image: MetadataImage) => void;

/** What a broker needs of the metadata: the latest image and its changes. */
export interface MetadataSource {
  image(): MetadataImage;
  onChange(listener: MetadataListener): () => void;
  /** Resolves once the image has reached `offset`. */
  caughtUpTo(offset: number): Promise<void>;
}

const FETCH_VERSION = 12;
const MAX_WAIT_MS = 500;
const RETRY_DELAY_MS = 200;

/**
 * Follows the controller's metadata log with Fetch, as a KRaft broker does, folding each batch into
 * its image and telling listeners what changed. A reply carrying a SnapshotId is a whole image.
 */
export class MetadataFollower implements MetadataSource {
  private current: MetadataImage = EMPTY_IMAGE;
  private readonly listeners = new Set<MetadataListener>();
  private running = false;
  private waiters: { offset: number; resolve: () => void }[] = [];

  constructor(
    private readonly link: ControllerLink,
    private readonly nodeId: number,
    private readonly logger: Logger,
  ) {}

  image(): MetadataImage {
    return this.current;
  }

  onChange(listener: MetadataListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.loop();
  }

  stop(): void {
    this.running = false;
    for (const w of this.waiters) w.resolve();
    this.waiters = [];
  }

  /** Resolves once the image has reached `offset` (or the follower stopped). */
  caughtUpTo(offset: number): Promise<void> {
    if (this.current.offset >= offset || !this.running) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ offset, resolve }));
  }

  private async loop(): Promise<void> {
    while (this.running) {
      try {
        await this.fetchOnce();
      } catch (err) {
        if (!this.running) return;
        this.logger.debug(`metadata fetch failed: ${err instanceof Error ? err.message : String(err)}`);
        await new Promise((r) => setTimeout(r, RETRY_DELAY_MS));
      }
    }
  }

  private async fetchOnce(): Promise<void> {
    const response = await this.link.send(
      ApiKey.Fetch,
      FETCH_VERSION,
      {
        replicaId: this.nodeId,
        maxWaitMs: MAX_WAIT_MS,
        minBytes: 1,
        maxBytes: 16 * 1024 * 1024,
        isolationLevel: 0,
        sessionId: 0,
        sessionEpoch: -1,
        topics: [{ topic: METADATA_TOPIC, partitions: [{ partition: 0, fetchOffset: BigInt(this.current.offset + 1), partitionMaxBytes: 16 * 1024 * 1024 }] }],
      },
      MAX_WAIT_MS + 5000,
    );
    if (!this.running) return;
    const partition = response.responses[0]?.partitions[0];
    const errorCode = partition?.errorCode ?? response.errorCode;
    if (!partition || errorCode !== ErrorCode.NONE) {
      throw new Error(`metadata fetch answered ${errorName(errorCode)}`);
    }
    const { batches } = scanBatches(partition.records ?? Buffer.alloc(0));
    if (batches.length === 0) return;
    const before = this.current;
    let after: MetadataImage;
    if (partition.snapshotId.endOffset >= 0n) {
      after = withOffset(foldRecords(batches.flatMap((b) => b.records)), Number(partition.snapshotId.endOffset));
    } else {
      after = before;
      for (const batch of batches) after = applyBatch(after, batch.baseOffset, batch.records);
    }
    this.current = after;
    const delta = diffImages(before, after);
    for (const listener of this.listeners) {
      try {
        listener(delta, after);
      } catch (err) {
        this.logger.error(`a metadata listener failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      }
    }
    this.waiters = this.waiters.filter((w) => {
      if (after.offset < w.offset) return true;
      w.resolve();
      return false;
    });
  }
}
