import { BATCH_HEADER_SIZE } from '../protocol/record-batch-header';
import { ControlRecordType } from '../protocol/control-record';
import { RecordsCursor } from '../protocol/records-varint';

export type MarkerType = 'COMMIT' | 'ABORT';

/** A transaction of one producer that a marker closed on this partition (Kafka's CompletedTxn). */
export interface CompletedTxn {
  producerId: bigint;
  firstOffset: number;
  /** The marker's offset. */
  lastOffset: number;
  isAborted: boolean;
}

/** Bytes past the header that always hold a marker's key: length, attributes, two deltas, key length, 4-byte key. */
export const MARKER_PEEK_BYTES = 32;

/**
 * The type of the transaction marker a control batch carries, from the key of its first record
 * (control batches are never compressed); null for other control records or unreadable bytes.
 */
export function markerTypeOf(batch: Buffer, start = 0): MarkerType | null {
  try {
    const c = new RecordsCursor(batch, start + BATCH_HEADER_SIZE, batch.length);
    c.readVarint(); // record length
    c.readInt8(); // attributes
    c.readVarlong(); // timestamp delta
    c.readVarint(); // offset delta
    const keyLength = c.readVarint();
    if (keyLength < 4 || c.pos + 4 > batch.length) return null;
    const type = batch.readInt16BE(c.pos + 2);
    if (type === ControlRecordType.ABORT) return 'ABORT';
    if (type === ControlRecordType.COMMIT) return 'COMMIT';
    return null;
  } catch {
    return null;
  }
}
