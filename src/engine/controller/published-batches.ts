import { encodeMetadataBatch } from './metadata-batch';
import type { MetadataImage } from './metadata-image';
import type { MetadataRecord } from './metadata-records';

interface Published {
  baseOffset: number;
  lastOffset: number;
  bytes: Buffer;
}

export type MetadataRead =
  | { kind: 'batches'; batches: Buffer[] }
  /** The fetch offset is older than what is held: the broker must start over from this image. */
  | { kind: 'image'; image: MetadataImage };

/** How many committed batches stay in memory for followers; older offsets get the whole image. */
const RETAINED_BATCHES = 2000;
/** Enough for a broker to catch up in a few round trips without one huge response. */
const MAX_BATCHES_PER_READ = 500;

/**
 * The committed metadata batches, kept in memory as the record-batch bytes brokers fetch (the
 * same bytes the metadata log holds). A broker that is too far behind — or new, after a
 * controller restart — gets the image instead, which plays the role of a KRaft snapshot.
 */
export class PublishedBatches {
  private readonly batches: Published[] = [];

  add(baseOffset: number, timestamp: number, records: readonly MetadataRecord[]): void {
    this.batches.push({
      baseOffset,
      lastOffset: baseOffset + records.length - 1,
      bytes: encodeMetadataBatch(baseOffset, timestamp, records),
    });
    if (this.batches.length > RETAINED_BATCHES) this.batches.splice(0, this.batches.length - RETAINED_BATCHES);
  }

  read(fromOffset: number, image: MetadataImage): MetadataRead {
    if (fromOffset > image.offset) return { kind: 'batches', batches: [] };
    const first = this.batches.findIndex((b) => b.lastOffset >= fromOffset);
    if (first < 0 || this.batches[first].baseOffset !== fromOffset) return { kind: 'image', image };
    return { kind: 'batches', batches: this.batches.slice(first, first + MAX_BATCHES_PER_READ).map((b) => b.bytes) };
  }
}
