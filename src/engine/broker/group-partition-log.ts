import type { Clock } from '../clock';
import { GroupAppendError, type GroupPersistence, type GroupRecord, type LoadedRecord, type TxnProducer } from '../group';
import { ErrorCode } from '../protocol/errors';
import { buildRecordBatchSync } from '../protocol/record-batch-builder';
import { iterateRecordBatches } from '../protocol/record-batch-decoder';
import type { PartitionLog } from '../storage/partition-log';
import { codeOf } from './kafka-error';
import { partitionKey, type Partition } from './partition';
import type { ReplicaManager } from './replica-manager';

/** Any version that carries record batch v2; the coordinator's batches are built here, not by a client. */
const COORDINATOR_PRODUCE_VERSION = 9;
const LOAD_CHUNK_BYTES = 1 << 20;

export interface PartitionGroupPersistenceOptions {
  replicaManager: Pick<ReplicaManager, 'appendToLeader' | 'getPartition' | 'fetchPurgatory'>;
  topic: string;
  partitionIndex: number;
  /** The leader epoch the coordinator was loaded in: appends in any other epoch are refused. */
  leaderEpoch: number;
  clock: Clock;
  /** offsets.commit.timeout.ms: how long to wait for the high watermark. */
  commitTimeoutMs: number;
}

/**
 * The coordinator's records go to its __consumer_offsets partition as one record batch per call,
 * through the replica manager's leader append (as Kafka's coordinator appends with acks=-1). A
 * call resolves only once the high watermark has passed the batch, so what a client is told is
 * committed survives the loss of the leader once there are followers; with an ISR of one the high
 * watermark moves with the append.
 */
export class PartitionGroupPersistence implements GroupPersistence {
  private appending: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: PartitionGroupPersistenceOptions) {}

  private get key(): string {
    return partitionKey(this.options.topic, this.options.partitionIndex);
  }

  append(records: readonly GroupRecord[], producer?: TxnProducer): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    // Appends leave in call order (the validator may await); the high-watermark waits overlap.
    const appended = this.appending.then(() => this.appendNow(records, producer));
    this.appending = appended.catch(() => undefined);
    return appended.then((lastOffset) => this.awaitHighWatermark(lastOffset));
  }

  private currentPartition(): Partition | undefined {
    const partition = this.options.replicaManager.getPartition(this.options.topic, this.options.partitionIndex);
    if (!partition || !partition.isLeader || partition.leaderEpoch !== this.options.leaderEpoch) return undefined;
    return partition;
  }

  private async appendNow(records: readonly GroupRecord[], producer: TxnProducer | undefined): Promise<number> {
    if (!this.currentPartition()) {
      throw new GroupAppendError(ErrorCode.NOT_LEADER_OR_FOLLOWER, `no longer the leader of ${this.key} in epoch ${this.options.leaderEpoch}`);
    }
    // A transactional offset commit is a transactional batch of the producer (settled by its marker).
    const batch = buildRecordBatchSync(
      records.map((r) => ({ key: r.key, value: r.value })),
      producer
        ? { now: this.options.clock.now(), producerId: producer.producerId, producerEpoch: producer.producerEpoch, baseSequence: 0, transactional: true }
        : { now: this.options.clock.now() },
    );
    const result = await this.options.replicaManager.appendToLeader(
      this.options.topic,
      this.options.partitionIndex,
      batch,
      COORDINATOR_PRODUCE_VERSION,
      -1,
      'coordinator',
    );
    if (result.error !== 'NONE') {
      throw new GroupAppendError(codeOf(result.error), `append to ${this.key} failed: ${result.error} ${result.errorMessage ?? ''}`.trim());
    }
    return result.baseOffset + records.length - 1;
  }

  private awaitHighWatermark(lastOffset: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.options.replicaManager.fetchPurgatory.tryCompleteElseWatch(
        {
          keys: [this.key],
          tryComplete: () => {
            const partition = this.currentPartition();
            if (!partition) {
              reject(new GroupAppendError(ErrorCode.NOT_LEADER_OR_FOLLOWER, `lost leadership of ${this.key} before offset ${lastOffset} was replicated`));
              return true;
            }
            if (partition.log.highWatermark > lastOffset) {
              resolve();
              return true;
            }
            return false;
          },
          expire: () => {
            reject(new GroupAppendError(ErrorCode.REQUEST_TIMED_OUT, `offset ${lastOffset} of ${this.key} was not replicated within ${this.options.commitTimeoutMs} ms`));
          },
        },
        this.options.commitTimeoutMs,
      );
    });
  }
}

/**
 * Reads the records of a __consumer_offsets partition from its log start to `endOffset`, in log
 * order; a transaction marker comes back as a keyless record carrying `marker`. `stillWanted` is asked between chunks: loading stops (returns
 * null) once the partition's leadership moved on.
 */
export async function readGroupRecords(
  log: PartitionLog,
  endOffset: number,
  stillWanted: () => boolean,
): Promise<LoadedRecord[] | null> {
  const records: LoadedRecord[] = [];
  let next = log.logStartOffset;
  while (next < endOffset) {
    const read = log.read(next, { maxBytes: LOAD_CHUNK_BYTES, maxOffset: endOffset, minOneBatch: true });
    if (read.kind === 'offsetOutOfRange') {
      // Retention or DeleteRecords moved the start past us meanwhile: go on from the new start.
      if (read.logStartOffset > next) {
        next = read.logStartOffset;
        continue;
      }
      throw read.error;
    }
    if (read.records.length === 0) break;
    const before = next;
    for await (const batch of iterateRecordBatches(read.records)) {
      if (batch.lastOffset < next) continue;
      const producerId = batch.header.producerId;
      if (!batch.isControl) {
        const txn = batch.isTransactional ? { producerId } : {};
        for (const r of batch.records) if (r.offset >= next) records.push({ key: r.key, value: r.value, ...txn });
      } else {
        // A transaction's marker settles that producer's pending offset commits.
        for (const c of batch.controlRecords) {
          if (c.type !== 'UNKNOWN') records.push({ key: null, value: null, marker: { producerId, commit: c.type === 'COMMIT' } });
        }
      }
      next = batch.lastOffset + 1;
    }
    if (next === before) break;
    if (!stillWanted()) return null;
  }
  return records;
}
