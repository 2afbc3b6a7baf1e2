import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deleteFileIfExists, writeFileAtomically } from './file-io';
import { TXN_INDEX_FILE_SUFFIX, filenamePrefixFromOffset } from './log-file-names';

/** One aborted transaction of a partition (Kafka's AbortedTxn): its first data offset and its ABORT marker's offset. */
export interface AbortedTxn {
  producerId: bigint;
  firstOffset: number;
  /** The offset of the ABORT marker. */
  lastOffset: number;
  /** The partition's last stable offset once the marker was appended. */
  lastStableOffset: number;
}

/** Kafka's TransactionIndex entry: version int16 (0), producerId, firstOffset, lastOffset, lastStableOffset (int64 each). */
const ENTRY_SIZE = 34;
const ENTRY_VERSION = 0;

export function txnIndexFile(dir: string, segmentBase: number): string {
  return join(dir, filenamePrefixFromOffset(segmentBase) + TXN_INDEX_FILE_SUFFIX);
}

export function encodeAbortedTxn(t: AbortedTxn): Buffer {
  const buf = Buffer.alloc(ENTRY_SIZE);
  buf.writeInt16BE(ENTRY_VERSION, 0);
  buf.writeBigInt64BE(t.producerId, 2);
  buf.writeBigInt64BE(BigInt(t.firstOffset), 10);
  buf.writeBigInt64BE(BigInt(t.lastOffset), 18);
  buf.writeBigInt64BE(BigInt(t.lastStableOffset), 26);
  return buf;
}

/** Reads a `.txnindex`; a torn last entry (crash mid-write) is dropped, an unknown version ends the read. */
export function readTxnIndexFile(path: string): AbortedTxn[] {
  if (!existsSync(path)) return [];
  const buf = readFileSync(path);
  const out: AbortedTxn[] = [];
  for (let pos = 0; pos + ENTRY_SIZE <= buf.length; pos += ENTRY_SIZE) {
    if (buf.readInt16BE(pos) !== ENTRY_VERSION) break;
    out.push({
      producerId: buf.readBigInt64BE(pos + 2),
      firstOffset: Number(buf.readBigInt64BE(pos + 10)),
      lastOffset: Number(buf.readBigInt64BE(pos + 18)),
      lastStableOffset: Number(buf.readBigInt64BE(pos + 26)),
    });
  }
  return out;
}

/**
 * The aborted transactions of one partition, each kept in the `.txnindex` of the segment holding its
 * ABORT marker (Kafka's TransactionIndex per LogSegment), and in memory for read_committed fetches.
 * The files are appended as markers land; truncation and recovery rewrite them.
 */
export class TransactionIndexes {
  /** Segment base → its aborted transactions, in marker order. */
  private readonly bySegment = new Map<number, AbortedTxn[]>();

  constructor(private readonly dir: string) {}

  /** Loads the `.txnindex` of each segment (oldest first). */
  load(segmentBases: readonly number[]): void {
    this.bySegment.clear();
    for (const base of segmentBases) {
      const entries = readTxnIndexFile(txnIndexFile(this.dir, base));
      if (entries.length > 0) this.bySegment.set(base, entries);
    }
  }

  append(segmentBase: number, txn: AbortedTxn): void {
    let list = this.bySegment.get(segmentBase);
    if (!list) this.bySegment.set(segmentBase, (list = []));
    list.push(txn);
    appendFileSync(txnIndexFile(this.dir, segmentBase), encodeAbortedTxn(txn));
  }

  /**
   * An aborted transaction whose ABORT marker entered the log (appended, replicated or replayed):
   * filed once in the .txnindex of the segment holding the marker. `segmentBases` oldest first.
   */
  indexAborted(segmentBases: readonly number[], txn: AbortedTxn): void {
    let base = segmentBases[0] ?? 0;
    for (const b of segmentBases) if (b <= txn.lastOffset) base = b;
    if (this.bySegment.get(base)?.some((t) => t.lastOffset === txn.lastOffset)) return;
    this.append(base, txn);
  }

  /** Forgets (and rewrites the files of) every entry whose marker is at or after `offset`. */
  truncateFrom(offset: number): void {
    for (const [base, list] of [...this.bySegment]) {
      const kept = list.filter((t) => t.lastOffset < offset);
      if (kept.length === list.length) continue;
      if (kept.length === 0) {
        this.bySegment.delete(base);
        deleteFileIfExists(txnIndexFile(this.dir, base));
      } else {
        this.bySegment.set(base, kept);
        writeFileAtomically(txnIndexFile(this.dir, base), Buffer.concat(kept.map(encodeAbortedTxn)));
      }
    }
  }

  /** Keeps only the segments still in the log (their files went with the deleted segments). */
  retainSegments(segmentBases: readonly number[]): void {
    const keep = new Set(segmentBases);
    for (const base of [...this.bySegment.keys()]) if (!keep.has(base)) this.bySegment.delete(base);
  }

  /** Aborted transactions overlapping [fetchOffset, upperBound): what a read_committed fetch must be told. */
  collect(fetchOffset: number, upperBound: number): AbortedTxn[] {
    const out: AbortedTxn[] = [];
    for (const list of this.bySegment.values()) {
      for (const t of list) if (t.lastOffset >= fetchOffset && t.firstOffset < upperBound) out.push(t);
    }
    return out.sort((a, b) => a.firstOffset - b.firstOffset);
  }

  all(): AbortedTxn[] {
    return [...this.bySegment.values()].flat();
  }
}
