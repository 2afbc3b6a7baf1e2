import { BrokerConnection } from '../client/broker-connection';
import type { Logger } from '../logger';
import { ApiKey } from '../protocol/api-keys';
import { ErrorCode, errorName } from '../protocol/errors';
import type { TopicPartitionRef } from '../transaction/transaction-metadata';
import type { TxnMarkerWriter, TxnMarkers } from '../transaction/transaction-coordinator';
import type { MetadataCache } from './metadata-cache';

const WRITE_TXN_MARKERS_VERSION = 1;
const RETRY_BACKOFF_MS = 100;

export interface TxnMarkerChannelOptions {
  nodeId: number;
  metadata: MetadataCache;
  logger: Logger;
  /** The address every broker binds (as the replica fetcher dials it). */
  bindHost?: string;
  requestTimeoutMs?: number;
}

/** Errors after which a partition gets no marker from this transaction: a newer epoch or coordinator has written there. */
const GIVE_UP = new Set<number>([ErrorCode.INVALID_PRODUCER_EPOCH, ErrorCode.TRANSACTION_COORDINATOR_FENCED]);

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Kafka's TransactionMarkerChannelManager: sends WriteTxnMarkers to each partition's leader (this
 * broker included, over its own listener, so the fault table cuts these links like any other),
 * and retries every partition not yet written — leader moved, not enough replicas, link down —
 * until it is, its topic is deleted, or the coordinator is replaced.
 */
export class TxnMarkerChannel implements TxnMarkerWriter {
  private readonly connections = new Map<number, Promise<BrokerConnection>>();
  private closed = false;

  constructor(private readonly options: TxnMarkerChannelOptions) {}

  async writeMarkers(m: TxnMarkers, stillCurrent: () => boolean): Promise<void> {
    let pending: TopicPartitionRef[] = [...m.partitions];
    let round = 0;
    while (pending.length > 0) {
      if (this.closed || !stillCurrent()) throw new Error(`the coordinator of ${m.transactionalId} was replaced before every marker was written`);
      const byLeader = new Map<number, TopicPartitionRef[]>();
      const retry: TopicPartitionRef[] = [];
      for (const tp of pending) {
        const topic = this.options.metadata.topic(tp.topic);
        const registration = topic?.partitions.get(tp.partition);
        if (!topic || !registration) {
          this.options.logger.info(`no marker for ${tp.topic}-${tp.partition} of ${m.transactionalId}: the partition no longer exists`);
          continue;
        }
        if (registration.leader < 0 || !this.options.metadata.isAlive(registration.leader)) {
          retry.push(tp);
          continue;
        }
        let list = byLeader.get(registration.leader);
        if (!list) byLeader.set(registration.leader, (list = []));
        list.push(tp);
      }
      const results = await Promise.all([...byLeader].map(([leader, tps]) => this.sendTo(leader, m, tps)));
      for (const failed of results) retry.push(...failed);
      pending = retry;
      if (pending.length > 0) {
        round++;
        if (round % 50 === 1) {
          this.options.logger.info(`retrying ${m.commit ? 'COMMIT' : 'ABORT'} markers of ${m.transactionalId} for ${pending.map((p) => `${p.topic}-${p.partition}`).join(', ')}`);
        }
        await sleep(RETRY_BACKOFF_MS);
      }
    }
  }

  close(): void {
    this.closed = true;
    for (const c of this.connections.values()) void c.then((conn) => conn.close(), () => undefined);
    this.connections.clear();
  }

  /** Sends one leader its partitions' markers; returns the partitions to try again. */
  private async sendTo(leader: number, m: TxnMarkers, tps: TopicPartitionRef[]): Promise<TopicPartitionRef[]> {
    const topics = new Map<string, number[]>();
    for (const tp of tps) topics.set(tp.topic, [...(topics.get(tp.topic) ?? []), tp.partition]);
    let response;
    try {
      const connection = await this.connect(leader);
      response = await connection.send(ApiKey.WriteTxnMarkers, WRITE_TXN_MARKERS_VERSION, {
        markers: [
          {
            producerId: m.producerId,
            producerEpoch: m.producerEpoch,
            transactionResult: m.commit,
            topics: [...topics].map(([name, partitionIndexes]) => ({ name, partitionIndexes })),
            coordinatorEpoch: m.coordinatorEpoch,
          },
        ],
      });
    } catch (err) {
      this.drop(leader);
      this.options.logger.debug(`WriteTxnMarkers to broker ${leader} failed: ${err instanceof Error ? err.message : String(err)}`);
      return tps;
    }
    const retry: TopicPartitionRef[] = [];
    const answered = new Set<string>();
    for (const marker of response.markers) {
      for (const topic of marker.topics) {
        for (const p of topic.partitions) {
          answered.add(`${topic.name}\0${p.partitionIndex}`);
          if (p.errorCode === ErrorCode.NONE) continue;
          if (GIVE_UP.has(p.errorCode)) {
            this.options.logger.warn(`marker for ${topic.name}-${p.partitionIndex} of ${m.transactionalId} refused with ${errorName(p.errorCode)}; not retried`);
            continue;
          }
          retry.push({ topic: topic.name, partition: p.partitionIndex });
        }
      }
    }
    for (const tp of tps) if (!answered.has(`${tp.topic}\0${tp.partition}`)) retry.push(tp);
    return retry;
  }

  /** A pooled connection to another broker (also used by the partition verifier, KIP-890). */
  connect(nodeId: number): Promise<BrokerConnection> {
    const existing = this.connections.get(nodeId);
    if (existing) {
      return existing.then((c) => {
        if (!c.isClosed) return c;
        this.connections.delete(nodeId);
        return this.connect(nodeId);
      });
    }
    const broker = this.options.metadata.aliveBrokers().find((b) => b.nodeId === nodeId);
    if (!broker) return Promise.reject(new Error(`broker ${nodeId} is not alive`));
    const connecting = BrokerConnection.connect({
      host: this.options.bindHost ?? broker.host,
      port: broker.port,
      nodeId,
      clientId: `txn-marker-sender-${this.options.nodeId}`,
      connectTimeoutMs: 3000,
      requestTimeoutMs: this.options.requestTimeoutMs ?? 15_000,
    });
    this.connections.set(nodeId, connecting);
    connecting.catch(() => this.connections.delete(nodeId));
    return connecting;
  }

  drop(nodeId: number): void {
    const c = this.connections.get(nodeId);
    this.connections.delete(nodeId);
    void c?.then((conn) => conn.close(), () => undefined);
  }
}
