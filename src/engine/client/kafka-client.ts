import { ApiKey } from '../protocol/api-keys';
import type { RequestInputOf, ResponseOf, SupportedApiKey } from '../protocol/apis/index';
import { ZERO_UUID } from '../protocol/codec';
import { ErrorCode } from '../protocol/errors';
import { BrokerConnection, type SendOptions, type VersionRange } from './broker-connection';
import { BrokerUnreachableError, ConnectionError, KafkaProtocolError } from './client-errors';
import { parseMetadataResponse, type ClusterMetadata, type PartitionMetadata, type TopicMetadata } from './cluster-metadata';
import { backoffMs, isMetadataRefreshError, sleep } from './retry';

export interface KafkaClientOptions {
  /** "host:port,host:port" or a list of "host:port". */
  bootstrap: string | readonly string[];
  clientId?: string;
  connectTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** Retries after a routing error (stale leader, unknown partition, lost connection). Default 5. */
  retries?: number;
  /** First backoff; doubles per retry up to 1 s. Default 100 ms. */
  retryBackoffMs?: number;
}

export interface BootstrapAddress {
  host: string;
  port: number;
}

/** Where a request goes: a node id, the controller (for admin writes), or any live broker. */
export type RequestTarget = number | 'controller' | 'any';

export interface RetryOptions {
  /** Topics whose metadata is refreshed before a retry. */
  topics?: readonly string[];
  /** Whether a lost connection may be retried: only for requests that are safe to repeat. */
  idempotent?: boolean;
  /** More errors to retry, e.g. a coordinator moving. */
  retryIf?: (err: unknown) => boolean;
}

export function parseBootstrapList(list: string | readonly string[]): BootstrapAddress[] {
  const entries = (typeof list === 'string' ? list.split(',') : [...list]).map((e) => e.trim()).filter((e) => e.length > 0);
  if (entries.length === 0) throw new Error('the bootstrap list is empty');
  return entries.map((entry) => {
    const colon = entry.lastIndexOf(':');
    const host = entry.slice(0, colon).replace(/^\[(.*)\]$/, '$1');
    const port = Number(entry.slice(colon + 1));
    if (colon <= 0 || !Number.isInteger(port) || port <= 0 || port > 65535) {
      throw new Error(`malformed bootstrap address "${entry}": expected host:port`);
    }
    return { host, port };
  });
}

/**
 * The cluster-level client: bootstraps, keeps a metadata cache and one connection per broker,
 * routes requests to partition leaders and retries routing errors with a metadata refresh.
 */
export class KafkaClient {
  readonly clientId: string;
  private readonly bootstrap: BootstrapAddress[];
  private readonly connectTimeoutMs: number;
  private readonly requestTimeoutMs: number;
  private readonly retries: number;
  private readonly retryBackoffMs: number;
  private cache: ClusterMetadata | null = null;
  private readonly connections = new Map<number, { address: string; conn: Promise<BrokerConnection>; ready: BrokerConnection | null }>();
  /** The connection used before metadata named the brokers; closed with the client. */
  private bootstrapConn: BrokerConnection | null = null;
  private closed = false;

  constructor(options: KafkaClientOptions) {
    this.bootstrap = parseBootstrapList(options.bootstrap);
    this.clientId = options.clientId ?? 'brokerlab';
    this.connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.retries = options.retries ?? 5;
    this.retryBackoffMs = options.retryBackoffMs ?? 100;
  }

  /** The last metadata fetched, or null before the first. */
  get cachedMetadata(): ClusterMetadata | null {
    return this.cache;
  }

  /** Fetches cluster metadata once; a failure here means the cluster is unreachable. */
  async connect(): Promise<ClusterMetadata> {
    return this.refreshMetadata(null);
  }

  /**
   * Fetches metadata for `topics` (null: every topic) and merges it into the cache. Topics the
   * server reports unknown are dropped from the cache.
   */
  async refreshMetadata(topics: readonly string[] | null = null, options: { allowAutoTopicCreation?: boolean } = {}): Promise<ClusterMetadata> {
    const conn = await this.anyBroker();
    const { response } = await conn.request(ApiKey.Metadata, { min: 1, max: 12 }, () => ({
      topics: topics === null ? null : topics.map((name) => ({ name, topicId: ZERO_UUID })),
      allowAutoTopicCreation: options.allowAutoTopicCreation ?? false,
      includeTopicAuthorizedOperations: false,
      includeClusterAuthorizedOperations: false,
    }));
    const { cluster, topicErrors } = parseMetadataResponse(response);
    if (topics !== null && this.cache) {
      const merged = new Map(this.cache.topics);
      for (const e of topicErrors) if (e.errorCode === ErrorCode.UNKNOWN_TOPIC_OR_PARTITION) merged.delete(e.name);
      for (const [name, t] of cluster.topics) merged.set(name, t);
      cluster.topics = merged;
    }
    this.cache = cluster;
    this.dropMovedConnections(cluster);
    return cluster;
  }

  /** Metadata for one topic, from the cache or a refresh; UNKNOWN_TOPIC_OR_PARTITION when absent. */
  async topic(name: string, options: { refresh?: boolean; allowAutoTopicCreation?: boolean } = {}): Promise<TopicMetadata> {
    let t = options.refresh ? undefined : this.cache?.topics.get(name);
    if (!t) t = (await this.refreshMetadata([name], options)).topics.get(name);
    if (!t || t.partitions.length === 0) {
      if (options.allowAutoTopicCreation) {
        // A topic being auto-created has no partitions for a moment.
        await sleep(this.retryBackoffMs);
        t = (await this.refreshMetadata([name], options)).topics.get(name);
      }
      if (!t || t.partitions.length === 0) throw new KafkaProtocolError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, null, { topic: name });
    }
    return t;
  }

  async partition(topic: string, partition: number): Promise<PartitionMetadata> {
    const t = await this.topic(topic);
    const p = t.partitions.find((x) => x.partition === partition);
    if (!p) throw new KafkaProtocolError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, null, { topic, partition });
    return p;
  }

  /** The leader's connection and epoch for a partition; LEADER_NOT_AVAILABLE while it has none. */
  async leaderFor(topic: string, partition: number): Promise<{ conn: BrokerConnection; leaderEpoch: number }> {
    const p = await this.partition(topic, partition);
    if (p.leaderId < 0) throw new KafkaProtocolError(ErrorCode.LEADER_NOT_AVAILABLE, null, { topic, partition });
    return { conn: await this.broker(p.leaderId), leaderEpoch: p.leaderEpoch };
  }

  /** The connection to a node, opened on first use and reused while it lives. */
  async broker(nodeId: number): Promise<BrokerConnection> {
    this.assertOpen();
    let info = this.cache?.brokers.find((b) => b.nodeId === nodeId);
    if (!info) info = (await this.refreshMetadata([])).brokers.find((b) => b.nodeId === nodeId);
    if (!info) throw new BrokerUnreachableError(`broker ${nodeId}`, 'not in the cluster metadata (the broker is down or was removed)');
    const address = `${info.host}:${info.port}`;
    const existing = this.connections.get(nodeId);
    if (existing && existing.address === address) return existing.conn;
    const conn = BrokerConnection.connect({
      host: info.host,
      port: info.port,
      nodeId,
      clientId: this.clientId,
      connectTimeoutMs: this.connectTimeoutMs,
      requestTimeoutMs: this.requestTimeoutMs,
    });
    const entry: { address: string; conn: Promise<BrokerConnection>; ready: BrokerConnection | null } = { address, conn, ready: null };
    this.connections.set(nodeId, entry);
    const forget = () => {
      if (this.connections.get(nodeId) === entry) this.connections.delete(nodeId);
    };
    conn.then(
      (c) => {
        entry.ready = c;
        c.onClose(forget);
        if (this.closed) c.close();
      },
      forget,
    );
    return conn;
  }

  /** A live connection to any broker: one already open, else a known broker, else a bootstrap address. */
  async anyBroker(): Promise<BrokerConnection> {
    this.assertOpen();
    // Only connections already open: one still connecting may be to a broker that is down.
    for (const { ready } of this.connections.values()) if (ready && !ready.isClosed) return ready;
    const failures: string[] = [];
    for (const b of this.cache?.brokers ?? []) {
      try {
        return await this.broker(b.nodeId);
      } catch (e) {
        failures.push((e as Error).message);
      }
    }
    if (this.bootstrapConn && !this.bootstrapConn.isClosed) return this.bootstrapConn;
    for (const a of this.bootstrap) {
      try {
        const c = await BrokerConnection.connect({ ...a, clientId: this.clientId, connectTimeoutMs: this.connectTimeoutMs, requestTimeoutMs: this.requestTimeoutMs });
        if (this.closed) {
          c.close();
          break;
        }
        this.bootstrapConn?.close();
        this.bootstrapConn = c;
        return c;
      } catch (e) {
        failures.push((e as Error).message);
      }
    }
    throw new BrokerUnreachableError(this.bootstrap.map((a) => `${a.host}:${a.port}`).join(','), `no broker reachable (${failures.join('; ')})`);
  }

  /** Sends one request to a target broker, choosing the version both sides speak. */
  async send<K extends SupportedApiKey>(
    target: RequestTarget,
    apiKey: K,
    range: VersionRange | null,
    build: (version: number) => RequestInputOf<K>,
    options?: SendOptions,
  ): Promise<{ version: number; response: ResponseOf<K>; conn: BrokerConnection }> {
    const conn = await this.resolveTarget(target);
    const { version, response } = await conn.request(apiKey, range, build, options);
    return { version, response, conn };
  }

  /**
   * Runs `op`, and after a routing error (stale leader, unknown partition, missing leader, moved
   * controller, or a lost connection when `idempotent`) refreshes metadata, backs off, and runs it
   * again, at most `retries` more times.
   */
  async withRetries<T>(op: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await op(attempt);
      } catch (e) {
        const retry =
          isMetadataRefreshError(e) ||
          e instanceof BrokerUnreachableError ||
          options.retryIf?.(e) === true || (options.idempotent === true && e instanceof ConnectionError);
        if (!retry || attempt >= this.retries || this.closed) throw e;
        await sleep(backoffMs(attempt, this.retryBackoffMs));
        await this.refreshMetadata(options.topics ? [...options.topics] : null).catch(() => undefined);
      }
    }
  }

  /** Closes every connection; pending requests reject with ConnectionError. */
  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.connections.values()];
    this.connections.clear();
    this.bootstrapConn?.close();
    this.bootstrapConn = null;
    await Promise.all(all.map(({ conn }) => conn.then((c) => c.close(), () => undefined)));
  }

  private async resolveTarget(target: RequestTarget): Promise<BrokerConnection> {
    if (typeof target === 'number') return this.broker(target);
    if (target === 'controller') {
      const meta = this.cache ?? (await this.refreshMetadata([]));
      // KRaft brokers forward admin writes to the controller, so any broker will do when the
      // advertised controller id is unknown or unreachable.
      if (meta.controllerId >= 0 && meta.brokers.some((b) => b.nodeId === meta.controllerId)) {
        try {
          return await this.broker(meta.controllerId);
        } catch {
          // fall through
        }
      }
    }
    return this.anyBroker();
  }

  private dropMovedConnections(meta: ClusterMetadata): void {
    for (const [nodeId, entry] of this.connections) {
      const b = meta.brokers.find((x) => x.nodeId === nodeId);
      if (b && `${b.host}:${b.port}` !== entry.address) {
        this.connections.delete(nodeId);
        entry.conn.then((c) => c.close(), () => undefined);
      }
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new ConnectionError('client', 'the client is closed');
  }
}
