import { promises as fs } from 'node:fs';
import path from 'node:path';
import { encodeMetadataBatch, tryDecodeMetadataBatch, type DecodedBatch } from './metadata-batch';
import { EMPTY_IMAGE, applyBatch, withOffset, type MetadataImage } from './metadata-image';
import type { MetadataRecord } from './metadata-records';
import { imageToRecords } from './image-records';
import type { ControllerLogger } from './controller-types';

/**
 * The controller's append-only metadata log, laid out like a Kafka partition:
 *   DATA/controller/__cluster_metadata-0/<20-digit base offset>.log          record batches v2
 *   DATA/controller/__cluster_metadata-0/<20-digit end offset>-0000000000.checkpoint   snapshots
 * A snapshot named N holds the image of every record below offset N (Kafka's naming, epoch 0).
 * Each append is one batch, fsynced before it is acknowledged. Loading = newest readable snapshot + the
 * batches after it; a torn or corrupt tail is cut at the last whole batch.
 */
export const METADATA_DIR = '__cluster_metadata-0';
const SEGMENT = /^(\d{20})\.log$/;
const SNAPSHOT = /^(\d{20})-(\d{10})\.checkpoint$/;
const SNAPSHOT_BATCH_RECORDS = 500;

export class MetadataLogError extends Error {
  override name = 'MetadataLogError';
}

const pad20 = (n: number) => String(n).padStart(20, '0');
const segmentName = (base: number) => `${pad20(base)}.log`;
const snapshotName = (end: number) => `${pad20(end)}-0000000000.checkpoint`;

async function fsyncDir(dir: string): Promise<void> {
  try {
    const h = await fs.open(dir, 'r');
    try {
      await h.sync();
    } finally {
      await h.close();
    }
  } catch {
    // Some platforms cannot fsync a directory; the rename is still atomic there.
  }
}

/** Decodes whole valid batches from the start of `buf`; `validBytes` is where the first bad one starts. */
export function scanBatches(buf: Buffer): { batches: DecodedBatch[]; validBytes: number } {
  const batches: DecodedBatch[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const batch = tryDecodeMetadataBatch(buf, pos);
    if (!batch) break;
    batches.push(batch);
    pos += batch.size;
  }
  return { batches, validBytes: pos };
}

export interface LoadResult {
  log: MetadataLog;
  image: MetadataImage;
  /** End offset of the snapshot the image was loaded from (0 when none). */
  snapshotEndOffset: number;
  /** Bytes cut from a torn or corrupt tail, 0 when the log was clean. */
  truncatedBytes: number;
}

export class MetadataLog {
  private failed: Error | null = null;
  private closed = false;

  private constructor(
    readonly dir: string,
    private readonly logger: ControllerLogger,
    private active: fs.FileHandle,
    private activeBase: number,
    private activeSize: number,
    private next: number,
    private readonly snapshotsToKeep: number,
  ) {}

  /** Offset the next appended record will get. */
  get nextOffset(): number {
    return this.next;
  }

  static async open(controllerDir: string, opts: { logger: ControllerLogger; snapshotsToKeep?: number }): Promise<LoadResult> {
    const dir = path.join(controllerDir, METADATA_DIR);
    await fs.mkdir(dir, { recursive: true });
    const names = await fs.readdir(dir);
    for (const n of names.filter((x) => x.endsWith('.tmp'))) await fs.rm(path.join(dir, n), { force: true });

    const { image: snapImage, endOffset: snapshotEndOffset } = await loadNewestSnapshot(dir, names, opts.logger);
    let image = snapImage;

    const segments = names.map((n) => SEGMENT.exec(n)).filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1])).sort((a, b) => a - b);
    let truncatedBytes = 0;
    let lastBase = image.offset + 1;
    let lastSize = 0;
    for (let i = 0; i < segments.length; i++) {
      const base = segments[i];
      const file = path.join(dir, segmentName(base));
      const buf = await fs.readFile(file);
      const { batches, validBytes } = scanBatches(buf);
      let expected = base;
      let cut = validBytes;
      for (let j = 0; j < batches.length; j++) {
        const b = batches[j];
        if (b.baseOffset !== expected) {
          // Offsets must run on without gaps; anything else is damage, so it ends the log here.
          cut = batches.slice(0, j).reduce((s, x) => s + x.size, 0);
          break;
        }
        expected = b.lastOffset + 1;
        if (b.lastOffset <= image.offset) continue;
        if (b.baseOffset !== image.offset + 1) {
          throw new MetadataLogError(`metadata log has no batch at offset ${image.offset + 1} (found ${b.baseOffset}); history before it is missing`);
        }
        image = applyBatch(image, b.baseOffset, b.records);
      }
      lastBase = base;
      lastSize = cut;
      if (cut < buf.length) {
        truncatedBytes += buf.length - cut;
        opts.logger.warn('metadata log: cutting a torn or corrupt tail', { file, validBytes: cut, size: buf.length });
        const h = await fs.open(file, 'r+');
        try {
          await h.truncate(cut);
          await h.sync();
        } finally {
          await h.close();
        }
        for (const later of segments.slice(i + 1)) {
          const laterFile = path.join(dir, segmentName(later));
          truncatedBytes += (await fs.stat(laterFile)).size;
          opts.logger.warn('metadata log: removing a segment after the corrupt point', { file: laterFile });
          await fs.rm(laterFile);
        }
        break;
      }
    }
    if (image.offset + 1 < snapshotEndOffset) {
      throw new MetadataLogError('metadata snapshot is ahead of its own offset');
    }
    if (segments.length === 0) {
      lastBase = image.offset + 1;
      lastSize = 0;
    }
    const active = await fs.open(path.join(dir, segmentName(lastBase)), 'a');
    if (segments.length === 0) await fsyncDir(dir);
    const log = new MetadataLog(dir, opts.logger, active, lastBase, lastSize, image.offset + 1, opts.snapshotsToKeep ?? 2);
    return { log, image, snapshotEndOffset, truncatedBytes };
  }

  private usable(): void {
    if (this.closed) throw new MetadataLogError('metadata log is closed');
    if (this.failed) throw new MetadataLogError(`metadata log is offline after an I/O error: ${this.failed.message}`);
  }

  /** Appends one atomic batch and fsyncs it; resolves to the batch's base offset. */
  async append(records: readonly MetadataRecord[], timestamp: number): Promise<number> {
    this.usable();
    const base = this.next;
    const bytes = encodeMetadataBatch(base, timestamp, records);
    try {
      await this.active.write(bytes, 0, bytes.length);
      await this.active.sync();
    } catch (e) {
      // Put the file back as it was so a retry does not land after half a batch.
      try {
        await this.active.truncate(this.activeSize);
        await this.active.sync();
      } catch {
        this.failed = e instanceof Error ? e : new Error(String(e));
      }
      throw e;
    }
    this.activeSize += bytes.length;
    this.next = base + records.length;
    return base;
  }

  /** Every batch still in the log, from the oldest kept segment (for tests and, later, brokers' fetches). */
  async readBatches(fromOffset = 0): Promise<DecodedBatch[]> {
    this.usable();
    const names = await fs.readdir(this.dir);
    const bases = names.map((n) => SEGMENT.exec(n)).filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1])).sort((a, b) => a - b);
    const out: DecodedBatch[] = [];
    for (const base of bases) {
      const { batches } = scanBatches(await fs.readFile(path.join(this.dir, segmentName(base))));
      out.push(...batches.filter((b) => b.lastOffset >= fromOffset));
    }
    return out;
  }

  /**
   * Writes a snapshot of `image` (which must be the image at the log's end), rolls to a new segment, and
   * drops snapshots and segments older than the oldest snapshot kept.
   */
  async writeSnapshot(image: MetadataImage, timestamp: number): Promise<string> {
    this.usable();
    if (image.offset !== this.next - 1) {
      throw new MetadataLogError(`snapshot image is at offset ${image.offset}, the log ends at ${this.next - 1}`);
    }
    const end = this.next;
    const records = imageToRecords(image);
    const chunks: Buffer[] = [];
    for (let i = 0; i < records.length; i += SNAPSHOT_BATCH_RECORDS) {
      chunks.push(encodeMetadataBatch(i, timestamp, records.slice(i, i + SNAPSHOT_BATCH_RECORDS)));
    }
    const file = path.join(this.dir, snapshotName(end));
    const tmp = `${file}.tmp`;
    const h = await fs.open(tmp, 'w');
    try {
      await h.writeFile(Buffer.concat(chunks));
      await h.sync();
    } finally {
      await h.close();
    }
    await fs.rename(tmp, file);
    await fsyncDir(this.dir);
    if (this.activeSize > 0) await this.roll(end);
    await this.dropHistory();
    return file;
  }

  private async roll(base: number): Promise<void> {
    const next = await fs.open(path.join(this.dir, segmentName(base)), 'a');
    await fsyncDir(this.dir);
    await this.active.close();
    this.active = next;
    this.activeBase = base;
    this.activeSize = 0;
  }

  private async dropHistory(): Promise<void> {
    const names = await fs.readdir(this.dir);
    const snapshots = names.map((n) => SNAPSHOT.exec(n)).filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1])).sort((a, b) => b - a);
    const kept = snapshots.slice(0, this.snapshotsToKeep);
    for (const old of snapshots.slice(this.snapshotsToKeep)) await fs.rm(path.join(this.dir, snapshotName(old)), { force: true });
    if (kept.length === 0) return;
    const oldestKept = kept[kept.length - 1];
    const bases = names.map((n) => SEGMENT.exec(n)).filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1])).sort((a, b) => a - b);
    for (let i = 0; i + 1 < bases.length; i++) {
      // A segment is wholly below the oldest kept snapshot when the next one starts at or before it.
      if (bases[i + 1] <= oldestKept && bases[i] !== this.activeBase) {
        await fs.rm(path.join(this.dir, segmentName(bases[i])), { force: true });
      }
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.active.close();
  }
}

async function loadNewestSnapshot(dir: string, names: string[], logger: ControllerLogger): Promise<{ image: MetadataImage; endOffset: number }> {
  const ends = names.map((n) => SNAPSHOT.exec(n)).filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1])).sort((a, b) => b - a);
  for (const end of ends) {
    const file = path.join(dir, snapshotName(end));
    try {
      const buf = await fs.readFile(file);
      const { batches, validBytes } = scanBatches(buf);
      if (validBytes !== buf.length) throw new MetadataLogError('snapshot has a corrupt batch');
      let image = EMPTY_IMAGE;
      for (const b of batches) image = applyBatch(image, b.baseOffset, b.records);
      return { image: withOffset(image, end - 1), endOffset: end };
    } catch (e) {
      logger.warn('metadata log: skipping an unreadable snapshot', { file, error: e instanceof Error ? e.message : String(e) });
      // Set aside (not deleted, so it can be looked at) and out of the rotation of kept snapshots.
      await fs.rename(file, `${file}.corrupt`).catch(() => undefined);
    }
  }
  return { image: EMPTY_IMAGE, endOffset: 0 };
}
