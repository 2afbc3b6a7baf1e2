import { ApiKey } from '../protocol/api-keys';
import { ErrorCode } from '../protocol/errors';
import { BATCH_LOG_OVERHEAD } from '../protocol/record-batch-header';
import { decodeRecordBatches, scanRecordBatches, type DecodedRecordBatch } from '../protocol/record-batch-decoder';
import type { TimestampType } from '../protocol/record-batch-attributes';
import type { KafkaRecord } from '../protocol/records-codec';
import { KafkaProtocolError, throwIfError } from './client-errors';
import type { KafkaClient } from './kafka-client';
import { listOffsets, type IsolationLevel } from './list-offsets';
import { filterAborted, type AbortedTransaction } from './aborted-transactions';

export interface FetchOptions {
  topic: string;
  partition: number;
  offset: number;
  /** How long the leader may hold the request for minBytes. Default 500 ms. */
  maxWaitMs?: number;
  /** Default 1. */
  minBytes?: number;
  /** Cap for the partition's data (and the whole response). Default 1 MiB. */
  maxBytes?: number;
  isolationLevel?: IsolationLevel;
  /** For a replica fetcher: the follower's id (and broker epoch, Fetch v15+). */
  replica?: { id: number; epoch?: bigint };
  /** Sent so the leader can fence a stale reader; -1 (default) skips the check. */
  currentLeaderEpoch?: number;
}

export interface FetchedRecord extends KafkaRecord {
  topic: string;
  partition: number;
  timestampType: TimestampType;
}

export interface FetchResult {
  topic: string;
  partition: number;
  /** Records at or after the requested offset; control records and aborted ones are left out. */
  records: FetchedRecord[];
  highWatermark: number;
  /** -1 when the server's Fetch version has none. */
  lastStableOffset: number;
  /** -1 when the server's Fetch version has none. */
  logStartOffset: number;
  /** Where the next fetch starts: after the last whole batch (control batches included). */
  nextOffset: number;
  /** The whole batches received, as bytes (a replica fetcher appends these as they are). */
  recordSet: Buffer;
  /** The batches decoded, aborted ones left out under read_committed (control batches kept), for readers that show batch facts. */
  batches: DecodedRecordBatch[];
  /** Set when the leader reports the follower's log diverged (Fetch v12+). */
  divergingEpoch: { epoch: number; endOffset: number } | null;
}

/** The requested offset is outside [log start, log end]; the bounds come from ListOffsets when known. */
export class OffsetOutOfRangeError extends KafkaProtocolError {
  constructor(
    readonly offset: number,
    topic: string,
    partition: number,
    readonly logStartOffset: number,
    readonly logEndOffset: number,
  ) {
    super(ErrorCode.OFFSET_OUT_OF_RANGE, `offset ${offset} is outside the log [${logStartOffset}, ${logEndOffset}]`, { topic, partition });
  }
}

export interface ReadRangeOptions {
  topic: string;
  partition: number;
  fromOffset: number;
  /** Stop before this offset; default: the high watermark when reading starts. */
  untilOffset?: number;
  maxBytes?: number;
  isolationLevel?: IsolationLevel;
  /** 'clamp' (default) starts at the log start when `fromOffset` was deleted; 'error' throws. */
  onOutOfRange?: 'clamp' | 'error';
}

const DEFAULT_MAX_BYTES = 1_048_576;
const MAX_EMPTY_FETCHES = 3;
/** A batch bigger than this is refused rather than fetched whole. */
const LARGEST_BATCH_FETCH = 64 * 1_048_576;

export class Fetcher {
  constructor(private readonly client: KafkaClient) {}

  /** One Fetch from the partition leader, routing errors retried after a metadata refresh. */
  async fetch(options: FetchOptions): Promise<FetchResult> {
    const { topic, partition } = options;
    return this.client.withRetries(
      async () => {
        const first = await this.fetchOnce(options, options.maxBytes ?? DEFAULT_MAX_BYTES);
        if (first.oversizedBatch === 0) return first.result;
        // Old servers (< Fetch v3 semantics) may send only part of a batch bigger than maxBytes: ask for exactly that batch.
        if (first.oversizedBatch > LARGEST_BATCH_FETCH) {
          throw new KafkaProtocolError(ErrorCode.MESSAGE_TOO_LARGE, `the batch at offset ${options.offset} is ${first.oversizedBatch} bytes`, { topic, partition });
        }
        return (await this.fetchOnce(options, first.oversizedBatch)).result;
      },
      { topics: [topic], idempotent: true },
    );
  }

  private async fetchOnce(o: FetchOptions, maxBytes: number): Promise<{ result: FetchResult; oversizedBatch: number }> {
    const { topic, partition } = o;
    const meta = await this.client.topic(topic);
    const p = meta.partitions.find((x) => x.partition === partition);
    if (!p) throw new KafkaProtocolError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, null, { topic, partition });
    if (p.leaderId < 0) throw new KafkaProtocolError(ErrorCode.LEADER_NOT_AVAILABLE, null, { topic, partition });
    const conn = await this.client.broker(p.leaderId);
    // Fetch v4 is the first with isolation level and the last stable offset; v13+ names topics by id.
    const version = conn.pickVersion(ApiKey.Fetch, 4, meta.topicId ? 17 : 12);
    const maxWaitMs = o.maxWaitMs ?? 500;
    const replicaId = o.replica?.id ?? -1;
    const response = await conn.send(
      ApiKey.Fetch,
      version,
      {
        replicaId,
        replicaState: { replicaId, replicaEpoch: o.replica?.epoch ?? -1n },
        maxWaitMs,
        minBytes: o.minBytes ?? 1,
        maxBytes,
        isolationLevel: o.isolationLevel === 'read_committed' ? 1 : 0,
        topics: [
          {
            topic,
            topicId: meta.topicId ?? undefined,
            partitions: [{ partition, currentLeaderEpoch: o.currentLeaderEpoch ?? -1, fetchOffset: BigInt(o.offset), partitionMaxBytes: maxBytes }],
          },
        ],
        forgottenTopicsData: [],
      },
      { timeoutMs: maxWaitMs + conn.requestTimeoutMs },
    );
    throwIfError(response.errorCode, null, { broker: conn.label });
    const data = response.responses.flatMap((t) => t.partitions).find((x) => x.partitionIndex === partition);
    if (!data) throw new KafkaProtocolError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `${conn.label} sent no data for the partition`, { topic, partition });
    if (data.errorCode === ErrorCode.OFFSET_OUT_OF_RANGE) throw await this.outOfRange(o.offset, topic, partition);
    throwIfError(data.errorCode, null, { topic, partition, broker: conn.label });

    const raw = data.records ?? Buffer.alloc(0);
    let wholeEnd = 0;
    for (const loc of scanRecordBatches(raw)) wholeEnd = loc.position + loc.sizeInBytes;
    const recordSet = raw.subarray(0, wholeEnd);
    const oversizedBatch = wholeEnd === 0 && raw.length >= BATCH_LOG_OVERHEAD ? raw.readInt32BE(8) + BATCH_LOG_OVERHEAD : 0;

    const batches = await decodeRecordBatches(recordSet);
    const aborted: AbortedTransaction[] = (data.abortedTransactions ?? []).map((a) => ({ producerId: a.producerId, firstOffset: Number(a.firstOffset) }));
    const kept = o.isolationLevel === 'read_committed' ? filterAborted(batches, aborted) : batches;
    // Built on first use: readers of `batches` (messages:read, search) never pay for a copy of
    // every record (at a million records, the copies were most of a search's time and garbage).
    let records: FetchedRecord[] | null = null;
    const flatten = (): FetchedRecord[] => {
      records = [];
      for (const b of kept) {
        if (b.isControl) continue;
        for (const r of b.records) {
          // A batch may start before the requested offset (compressed batches are returned whole).
          if (r.offset >= o.offset) records.push({ ...r, topic, partition, timestampType: b.timestampType });
        }
      }
      return records;
    };
    const last = batches[batches.length - 1];
    const diverging = data.divergingEpoch && data.divergingEpoch.epoch >= 0 ? { epoch: data.divergingEpoch.epoch, endOffset: Number(data.divergingEpoch.endOffset) } : null;
    return {
      oversizedBatch,
      result: {
        topic,
        partition,
        get records() {
          return records ?? flatten();
        },
        highWatermark: Number(data.highWatermark),
        lastStableOffset: Number(data.lastStableOffset),
        logStartOffset: Number(data.logStartOffset),
        nextOffset: last ? Math.max(o.offset, last.lastOffset + 1) : o.offset,
        recordSet,
        batches: kept,
        divergingEpoch: diverging,
      },
    };
  }

  private async outOfRange(offset: number, topic: string, partition: number): Promise<OffsetOutOfRangeError> {
    const [start, end] = await listOffsets(this.client, [
      { topic, partition, spec: 'earliest' },
      { topic, partition, spec: 'latest' },
    ]).then(
      (r) => [r[0].offset, r[1].offset],
      () => [-1, -1],
    );
    return new OffsetOutOfRangeError(offset, topic, partition, start, end);
  }

  /**
   * Reads records from `fromOffset` up to the high watermark seen when reading starts (or
   * `untilOffset`), then ends. The end also moves down if the log is truncated meanwhile, so the
   * iteration always finishes.
   */
  async *readRange(options: ReadRangeOptions): AsyncGenerator<FetchedRecord> {
    const { topic, partition } = options;
    let offset = options.fromOffset;
    let end = options.untilOffset ?? Number.POSITIVE_INFINITY;
    let first = true;
    let emptyFetches = 0;
    for (;;) {
      let result: FetchResult;
      try {
        result = await this.fetch({ topic, partition, offset, maxWaitMs: emptyFetches > 0 ? 100 : 0, minBytes: emptyFetches > 0 ? 1 : 0, maxBytes: options.maxBytes, isolationLevel: options.isolationLevel });
      } catch (e) {
        if (e instanceof OffsetOutOfRangeError && options.onOutOfRange !== 'error' && e.logStartOffset > offset) {
          offset = e.logStartOffset;
          continue;
        }
        throw e;
      }
      const readableEnd = options.isolationLevel === 'read_committed' && result.lastStableOffset >= 0 ? result.lastStableOffset : result.highWatermark;
      if (first && options.untilOffset === undefined) end = readableEnd;
      first = false;
      end = Math.min(end, readableEnd);
      for (const r of result.records) {
        if (r.offset >= end) return;
        yield r;
      }
      if (result.nextOffset > offset) {
        offset = result.nextOffset;
        emptyFetches = 0;
      } else if (++emptyFetches >= MAX_EMPTY_FETCHES) {
        // Nothing came back below the end several times in a row: stop rather than spin.
        return;
      }
      if (offset >= end) return;
    }
  }
}
