import { BrokerConnection } from '../client/broker-connection';
import type { MetadataImage } from '../controller/metadata-image';
import type { Logger } from '../logger';
import { ApiKey } from '../protocol/api-keys';
import type { FetchResponse } from '../protocol/apis';
import { ErrorCode, errorName } from '../protocol/errors';
import { scanRecordBatches } from '../protocol/record-batch-decoder';
import { errorMessage } from '../storage/storage-errors';
import type { Partition } from './partition';

export interface ReplicaFetcherConfig {
  /** replica.fetch.wait.max.ms */
  maxWaitMs: number;
  /** replica.fetch.max.bytes */
  partitionMaxBytes: number;
  /** replica.fetch.response.max.bytes */
  responseMaxBytes: number;
  /** replica.fetch.backoff.ms */
  backoffMs: number;
}

export interface ReplicaFetcherContext {
  nodeId: number;
  brokerEpoch(): number;
  image(): MetadataImage;
  logger: Logger;
  config: ReplicaFetcherConfig;
  /** Called after a partition's log or high watermark moved (wakes waiting fetches on this broker). */
  onProgress(partition: Partition): void;
  /**
   * The address every broker binds. A leader is dialled there on its registered port: the host
   * in its registration is the advertised one (--advertise), meant for clients (docs/decisions.md).
   */
  bindHost?: string;
}

const FETCH_VERSION = 15;
const TRANSIENT_ERRORS = new Set<number>([
  ErrorCode.NOT_LEADER_OR_FOLLOWER,
  ErrorCode.FENCED_LEADER_EPOCH,
  ErrorCode.UNKNOWN_LEADER_EPOCH,
  ErrorCode.UNKNOWN_TOPIC_ID,
  ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
]);

/**
 * Fetches every partition this broker follows from one leader, over one connection (Kafka's
 * ReplicaFetcherThread): appends the leader's batches as they are, keeps the high watermark at
 * min(leader's high watermark, own log end), and truncates when the leader says the logs
 * diverged (KIP-101/279 through Fetch's DivergingEpoch, KIP-595) — as many rounds as it takes.
 */
export class ReplicaFetcher {
  private readonly partitions = new Map<string, Partition>();
  /** Partitions held back after an error until this time (metadata may fix them sooner). */
  private readonly delayedUntil = new Map<string, number>();
  private connection: BrokerConnection | null = null;
  private running = false;
  private wake: (() => void) | null = null;

  constructor(
    readonly leaderId: number,
    private readonly ctx: ReplicaFetcherContext,
  ) {}

  get size(): number {
    return this.partitions.size;
  }

  add(partition: Partition): void {
    this.partitions.set(partition.key, partition);
    this.delayedUntil.delete(partition.key);
    this.wake?.();
    if (!this.running) {
      this.running = true;
      void this.loop();
    }
  }

  remove(partition: Partition): void {
    this.partitions.delete(partition.key);
    this.delayedUntil.delete(partition.key);
  }

  has(partition: Partition): boolean {
    return this.partitions.get(partition.key) === partition;
  }

  stop(): void {
    this.running = false;
    this.partitions.clear();
    this.connection?.close();
    this.connection = null;
    this.wake?.();
  }

  private async loop(): Promise<void> {
    while (this.running) {
      const now = Date.now();
      const ready = [...this.partitions.values()].filter((p) => (this.delayedUntil.get(p.key) ?? 0) <= now && p.leader === this.leaderId);
      if (ready.length === 0) {
        if (this.partitions.size === 0) {
          this.running = false;
          this.connection?.close();
          this.connection = null;
          return;
        }
        await this.sleep(Math.min(this.ctx.config.backoffMs, 200));
        continue;
      }
      try {
        await this.fetchOnce(ready);
      } catch (err) {
        if (!this.running) return;
        this.ctx.logger.debug(`fetch from leader ${this.leaderId} failed: ${errorMessage(err)}`);
        this.connection?.close();
        this.connection = null;
        await this.sleep(this.ctx.config.backoffMs);
      }
    }
  }

  private async connect(): Promise<BrokerConnection> {
    if (this.connection && !this.connection.isClosed) return this.connection;
    const broker = this.ctx.image().brokers.get(this.leaderId);
    const endpoint = broker?.endpoints[0];
    if (!broker || broker.fenced || !endpoint) throw new Error(`leader ${this.leaderId} is not available`);
    this.connection = await BrokerConnection.connect({
      host: this.ctx.bindHost ?? endpoint.host,
      port: endpoint.port,
      nodeId: this.leaderId,
      clientId: `replica-fetcher-${this.ctx.nodeId}`,
      connectTimeoutMs: 3000,
      requestTimeoutMs: this.ctx.config.maxWaitMs + 10_000,
    });
    return this.connection;
  }

  private async fetchOnce(ready: Partition[]): Promise<void> {
    const connection = await this.connect();
    const sent = ready.map((p) => ({ partition: p, fetchOffset: p.log.logEndOffset, leaderEpoch: p.leaderEpoch }));
    const byTopic = new Map<string, typeof sent>();
    for (const s of sent) byTopic.set(s.partition.topicId, [...(byTopic.get(s.partition.topicId) ?? []), s]);
    const response = await connection.send(
      ApiKey.Fetch,
      FETCH_VERSION,
      {
        replicaState: { replicaId: this.ctx.nodeId, replicaEpoch: BigInt(this.ctx.brokerEpoch()) },
        maxWaitMs: this.ctx.config.maxWaitMs,
        minBytes: 1,
        maxBytes: this.ctx.config.responseMaxBytes,
        isolationLevel: 0,
        sessionId: 0,
        sessionEpoch: -1,
        topics: [...byTopic].map(([topicId, entries]) => ({
          topicId,
          partitions: entries.map((e) => ({
            partition: e.partition.partitionIndex,
            currentLeaderEpoch: e.leaderEpoch,
            fetchOffset: BigInt(e.fetchOffset),
            lastFetchedEpoch: e.partition.log.leaderEpochCache.latestEpoch() ?? -1,
            logStartOffset: BigInt(e.partition.log.logStartOffset),
            partitionMaxBytes: this.ctx.config.partitionMaxBytes,
          })),
        })),
      },
      { timeoutMs: this.ctx.config.maxWaitMs + 10_000 },
    );
    if (response.errorCode !== ErrorCode.NONE) throw new Error(`leader ${this.leaderId} answered ${errorName(response.errorCode)}`);
    for (const topic of response.responses) {
      for (const data of topic.partitions) {
        const entry = sent.find((s) => s.partition.topicId === topic.topicId && s.partition.partitionIndex === data.partitionIndex);
        // Skip answers for partitions whose leadership changed while the fetch was out.
        if (!entry || !this.has(entry.partition) || entry.partition.leaderEpoch !== entry.leaderEpoch) continue;
        this.process(entry.partition, entry.fetchOffset, data);
      }
    }
  }

  private process(partition: Partition, fetchOffset: number, data: FetchResponse['responses'][number]['partitions'][number]): void {
    const log = partition.log;
    try {
      if (data.errorCode === ErrorCode.OFFSET_OUT_OF_RANGE) {
        const leaderStart = Number(data.logStartOffset);
        if (leaderStart >= 0 && fetchOffset < leaderStart) log.truncateFullyAndStartAt(leaderStart);
        else log.truncateTo(Math.max(0, Number(data.highWatermark)));
        return;
      }
      if (data.errorCode !== ErrorCode.NONE) {
        // Leadership moves and topic deletions reach brokers a few milliseconds apart: these answers
        // are expected while the metadata settles, so they are not warnings.
        const transient = TRANSIENT_ERRORS.has(data.errorCode);
        this.delay(partition, `leader ${this.leaderId} answered ${errorName(data.errorCode)} for ${partition.key}`, transient ? 'info' : 'warn');
        return;
      }
      if (data.divergingEpoch.epoch >= 0 || data.divergingEpoch.endOffset >= 0n) {
        const target = Math.min(Number(data.divergingEpoch.endOffset), log.logEndOffset);
        this.ctx.logger.info(`${partition.key} diverged from leader ${this.leaderId} at epoch ${data.divergingEpoch.epoch}: truncating to ${target}`);
        log.truncateTo(Math.max(0, target));
        this.ctx.onProgress(partition);
        return;
      }
      const records = data.records;
      if (records && records.length > 0) {
        for (const batch of scanRecordBatches(records)) {
          const lastOffset = Number(batch.header.baseOffset) + batch.header.lastOffsetDelta;
          if (lastOffset < log.logEndOffset) continue;
          log.append(records.subarray(batch.position, batch.position + batch.sizeInBytes), {
            leaderEpoch: batch.header.partitionLeaderEpoch,
            assignOffsets: false,
          });
        }
      }
      const leaderStart = Number(data.logStartOffset);
      if (leaderStart > log.logStartOffset && leaderStart <= log.highWatermark) log.deleteRecordsBefore(leaderStart);
      log.updateHighWatermark(Math.min(Number(data.highWatermark), log.logEndOffset));
      this.ctx.onProgress(partition);
    } catch (err) {
      this.delay(partition, `replicating ${partition.key} from leader ${this.leaderId} failed: ${errorMessage(err)}`);
    }
  }

  private delay(partition: Partition, reason: string, level: 'info' | 'warn' = 'warn'): void {
    this.ctx.logger[level](reason);
    this.delayedUntil.set(partition.key, Date.now() + this.ctx.config.backoffMs);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }
}
