import { connect as netConnect, type Socket } from 'node:net';
import { ApiKey } from '../protocol/api-keys';
import { API_TABLES, type RequestInputOf, type ResponseOf, type SupportedApiKey } from '../protocol/apis/index';
import { FrameSplitter } from '../protocol/framing';
import { decodeResponse, encodeRequest } from '../protocol/headers';
import { ErrorCode } from '../protocol/errors';
import { wrapDialledSocket } from '../network/dial-hook';
import type { SocketLink } from '../network/socket-link';
import { BrokerUnreachableError, ConnectionError, KafkaProtocolError, RequestTimeoutError, UnsupportedApiError, apiName } from './client-errors';

export interface BrokerConnectionOptions {
  host: string;
  port: number;
  /** The broker's node id when known (a bootstrap address has none yet). */
  nodeId?: number;
  clientId?: string;
  /** TCP connect plus the ApiVersions exchange. Default 10 s. */
  connectTimeoutMs?: number;
  /** Default per-request timeout. Default 30 s (Kafka's request.timeout.ms). */
  requestTimeoutMs?: number;
  /** Largest response frame accepted. Default 100 MiB. */
  maxResponseBytes?: number;
}

export interface VersionRange {
  min: number;
  max: number;
}

export interface SendOptions {
  timeoutMs?: number;
  /** Produce with acks=0 gets no response: the promise resolves once the bytes are written. */
  expectResponse?: boolean;
  /** Refuse a response with bytes left after its body (see decodeResponse). */
  exact?: boolean;
}

interface Pending {
  apiKey: SupportedApiKey;
  version: number;
  resolve: (frame: Buffer) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

/** What the project's client sends as ClientSoftwareName/Version in ApiVersions v3+ (KIP-511). */
const SOFTWARE_NAME = 'brokerlab';
const SOFTWARE_VERSION = '0.1.0';
/** librdkafka and the Java client open with v3; older brokers answer with their range. */
const FIRST_API_VERSIONS_VERSION = 3;

/**
 * One TCP connection to one broker. Requests are pipelined and matched to responses by
 * correlation id; every request has a deadline, and a closed socket rejects everything in flight
 * with a ConnectionError naming the broker, so no caller waits forever.
 */
export class BrokerConnection {
  readonly host: string;
  readonly port: number;
  readonly nodeId: number | undefined;
  readonly clientId: string;
  readonly requestTimeoutMs: number;
  /** The broker's advertised API ranges, by key, from the ApiVersions exchange. */
  readonly apiVersions = new Map<number, VersionRange>();
  /** The ApiVersions version the broker accepted. */
  apiVersionsVersion = -1;

  private socket: Socket | null = null;
  private link: SocketLink | null = null;
  private readonly splitter: FrameSplitter;
  private readonly pending = new Map<number, Pending>();
  private nextCorrelationId = 1;
  private closeError: ConnectionError | null = null;
  private readonly closeListeners: Array<(err: ConnectionError) => void> = [];

  private constructor(options: BrokerConnectionOptions) {
    this.host = options.host;
    this.port = options.port;
    this.nodeId = options.nodeId;
    this.clientId = options.clientId ?? 'brokerlab';
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.splitter = new FrameSplitter(options.maxResponseBytes ?? 104_857_600);
  }

  /** "broker 2 (127.0.0.1:9092)" or "127.0.0.1:9092" for a bootstrap address. */
  get label(): string {
    const addr = `${this.host}:${this.port}`;
    return this.nodeId === undefined ? addr : `broker ${this.nodeId} (${addr})`;
  }

  get isClosed(): boolean {
    return this.closeError !== null;
  }

  get inFlight(): number {
    return this.pending.size;
  }

  /** Connects and negotiates API versions; rejects with ConnectionError within connectTimeoutMs. */
  static async connect(options: BrokerConnectionOptions): Promise<BrokerConnection> {
    const conn = new BrokerConnection(options);
    const timeoutMs = options.connectTimeoutMs ?? 10_000;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const err = new ConnectionError(conn.label, `connect and ApiVersions exchange timed out after ${timeoutMs} ms`);
        conn.destroy(err);
        reject(err);
      }, timeoutMs);
    });
    try {
      await Promise.race([conn.open(), deadline]);
      await Promise.race([conn.negotiate(timeoutMs), deadline]);
      return conn;
    } catch (e) {
      if (e instanceof KafkaProtocolError || e instanceof UnsupportedApiError) {
        conn.destroy(new ConnectionError(conn.label, 'connection setup failed'));
        throw e;
      }
      const reason = e instanceof ConnectionError ? e.reason : `connection setup failed: ${(e as Error).message}`;
      conn.destroy(new ConnectionError(conn.label, reason));
      throw new BrokerUnreachableError(conn.label, reason, { cause: e });
    } finally {
      clearTimeout(timer);
    }
  }

  private open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = netConnect({ host: this.host, port: this.port, noDelay: true });
      this.socket = socket;
      // A broker process dials through its fault table; elsewhere this is the plain socket.
      const link = wrapDialledSocket(socket, this.port);
      this.link = link;
      const onConnectError = (err: Error) => reject(new ConnectionError(this.label, `cannot connect: ${err.message}`, { cause: err }));
      // A fault reset destroys the socket before it connects, with no error event.
      const onEarlyClose = () => reject(new ConnectionError(this.label, 'cannot connect: the connection was reset'));
      socket.once('error', onConnectError);
      socket.once('close', onEarlyClose);
      socket.once('connect', () => {
        socket.off('error', onConnectError);
        socket.off('close', onEarlyClose);
        socket.on('error', (err) => this.destroy(new ConnectionError(this.label, `socket error: ${err.message}`, { cause: err })));
        socket.on('close', () => this.destroy(new ConnectionError(this.label, 'connection closed by the broker')));
        link.onData((chunk: Buffer) => this.onData(chunk));
        resolve();
      });
    });
  }

  /** ApiVersions per KIP-511: try v3; on UNSUPPORTED_VERSION retry with the broker's own range. */
  private async negotiate(timeoutMs: number): Promise<void> {
    let version = FIRST_API_VERSIONS_VERSION;
    for (let attempt = 0; attempt < 3; attempt++) {
      const frame = await this.sendFrame(ApiKey.ApiVersions, version, apiVersionsBody(), { timeoutMs });
      // Header v0 always; the error code is the first body field in every version, and an
      // UNSUPPORTED_VERSION reply is a v0 body whatever version was sent.
      // Header v0 always; the error code is the first body field in every version.
      const errorCode = frame.length >= 6 ? frame.readInt16BE(4) : -1;
      if (errorCode === ErrorCode.UNSUPPORTED_VERSION) {
        const theirs = brokerApiVersionsRange(frame, version);
        // Without a readable range, v0 is the version every broker speaks (Kafka's NetworkClient does the same).
        const next = theirs ? Math.min(theirs.maxVersion, version - 1) : 0;
        if (next < 0 || next >= version) break;
        version = next;
        continue;
      }
      const body = decodeResponse(ApiKey.ApiVersions, version, frame).body;
      if (body.errorCode !== 0) throw new KafkaProtocolError(body.errorCode, null, { broker: this.label });
      this.apiVersionsVersion = version;
      for (const k of body.apiKeys) this.apiVersions.set(k.apiKey, { min: k.minVersion, max: k.maxVersion });
      return;
    }
    throw new UnsupportedApiError(ApiKey.ApiVersions, `${this.label} accepts no ApiVersions version we speak`);
  }

  /** Whether the broker advertises the API at all. */
  supports(apiKey: number): boolean {
    return this.apiVersions.has(apiKey);
  }

  /**
   * The highest version in [ourMin, ourMax] that the broker also speaks (librdkafka's rule).
   * Throws UnsupportedApiError when the API is not advertised or the ranges do not meet.
   */
  pickVersion(apiKey: number, ourMin: number, ourMax: number): number {
    const theirs = this.apiVersions.get(apiKey);
    if (!theirs) throw new UnsupportedApiError(apiKey, `${this.label} does not advertise it`);
    const v = Math.min(ourMax, theirs.max);
    if (v < Math.max(ourMin, theirs.min)) {
      throw new UnsupportedApiError(apiKey, `${this.label} speaks v${theirs.min}-${theirs.max}, the client v${ourMin}-${ourMax}`);
    }
    return v;
  }

  /** Encodes, sends and decodes one request at `version`. */
  async send<K extends SupportedApiKey>(apiKey: K, version: number, body: RequestInputOf<K>, options: SendOptions = {}): Promise<ResponseOf<K>> {
    const frame = await this.sendFrame(apiKey, version, body, options);
    if (options.expectResponse === false) return undefined as unknown as ResponseOf<K>;
    return decodeResponse(apiKey, version, frame, { exact: options.exact }).body;
  }

  /** Picks the version (within the codec's range, narrowed by `range`) and sends. */
  async request<K extends SupportedApiKey>(
    apiKey: K,
    range: VersionRange | null,
    build: (version: number) => RequestInputOf<K>,
    options: SendOptions = {},
  ): Promise<{ version: number; response: ResponseOf<K> }> {
    const codec = API_TABLES[apiKey].validVersions;
    const version = this.pickVersion(apiKey, Math.max(codec.min, range?.min ?? 0), Math.min(codec.max, range?.max ?? codec.max));
    const response = await this.send(apiKey, version, build(version), options);
    return { version, response };
  }

  private sendFrame<K extends SupportedApiKey>(apiKey: K, version: number, body: RequestInputOf<K>, options: SendOptions): Promise<Buffer> {
    if (this.closeError) return Promise.reject(this.closeError);
    const socket = this.link;
    if (!socket) return Promise.reject(new ConnectionError(this.label, 'not connected'));
    const correlationId = this.nextCorrelationId;
    this.nextCorrelationId = this.nextCorrelationId >= 0x7fffffff ? 1 : this.nextCorrelationId + 1;
    let bytes: Buffer;
    try {
      bytes = encodeRequest(apiKey, version, correlationId, this.clientId, body);
    } catch (e) {
      return Promise.reject(e);
    }
    if (options.expectResponse === false) {
      return new Promise((resolve, reject) => {
        socket.write(bytes, (err) => (err ? reject(new ConnectionError(this.label, `write failed: ${err.message}`, { cause: err })) : resolve(Buffer.alloc(0))));
      });
    }
    const timeoutMs = options.timeoutMs ?? this.requestTimeoutMs;
    return new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (!this.pending.delete(correlationId)) return;
        reject(new RequestTimeoutError(this.label, apiKey, timeoutMs));
        // A broker that missed one deadline may be hung; Kafka's NetworkClient drops the connection too.
        this.destroy(new ConnectionError(this.label, `closed after a ${apiName(apiKey)} request timed out`));
      }, timeoutMs);
      this.pending.set(correlationId, { apiKey, version, resolve, reject, timer });
      socket.write(bytes);
    });
  }

  private onData(chunk: Buffer): void {
    let frames: Buffer[];
    try {
      frames = this.splitter.push(chunk);
    } catch (e) {
      this.destroy(new ConnectionError(this.label, `bad response framing: ${(e as Error).message}`, { cause: e }));
      return;
    }
    for (const frame of frames) {
      if (frame.length < 4) {
        this.destroy(new ConnectionError(this.label, `response frame of ${frame.length} bytes has no correlation id`));
        return;
      }
      const correlationId = frame.readInt32BE(0);
      const p = this.pending.get(correlationId);
      // Unknown ids are replies to requests that already timed out; nothing waits for them.
      if (!p) continue;
      this.pending.delete(correlationId);
      clearTimeout(p.timer);
      p.resolve(frame);
    }
  }

  /** Called once with the reason when the connection ends. */
  onClose(listener: (err: ConnectionError) => void): void {
    if (this.closeError) listener(this.closeError);
    else this.closeListeners.push(listener);
  }

  /** Closes the socket; requests in flight reject with ConnectionError. */
  close(): void {
    this.destroy(new ConnectionError(this.label, 'connection closed by the client'));
  }

  private destroy(err: ConnectionError): void {
    if (this.closeError) return;
    this.closeError = err;
    this.socket?.destroy();
    const inFlight = [...this.pending.values()];
    this.pending.clear();
    for (const p of inFlight) {
      clearTimeout(p.timer);
      p.reject(new ConnectionError(this.label, `${err.reason} with ${apiName(p.apiKey)} v${p.version} in flight`, { cause: err }));
    }
    for (const l of this.closeListeners.splice(0)) l(err);
  }
}

/**
 * The broker's ApiVersions range from an UNSUPPORTED_VERSION reply. KIP-511 says the body is v0,
 * but some servers (librdkafka's mock) answer in the layout of the version asked, so both are
 * tried, as Kafka's ApiVersionsResponse.parse does.
 */
function brokerApiVersionsRange(frame: Buffer, sentVersion: number): { maxVersion: number } | undefined {
  for (const v of [0, sentVersion]) {
    try {
      const entry = decodeResponse(ApiKey.ApiVersions, v, frame).body.apiKeys.find((k) => k.apiKey === ApiKey.ApiVersions);
      if (entry) return entry;
    } catch {
      // try the next layout
    }
  }
  return undefined;
}

function apiVersionsBody(): RequestInputOf<typeof ApiKey.ApiVersions> {
  return { clientSoftwareName: SOFTWARE_NAME, clientSoftwareVersion: SOFTWARE_VERSION };
}
