import net from 'node:net';
import type { Logger } from '../logger';
import { FrameSplitter } from '../protocol/framing';
import { plainLink, type SocketHook, type SocketLink } from './socket-link';

/** Why a connection is being closed on purpose (unknown API key, malformed header, …). */
export class CloseConnection extends Error {}

export interface ConnectionInfo {
  readonly id: string;
  readonly remote: string;
}

/** Answers one request frame: the encoded response as chunks (size prefix included), or null for none (acks=0). */
export type FrameHandler = (frame: Buffer, connection: ConnectionInfo) => Promise<Buffer[] | null>;

export interface SocketServerOptions {
  host: string;
  port: number;
  /** socket.request.max.bytes */
  maxRequestBytes: number;
  logger: Logger;
  handler: FrameHandler;
  /** Wraps each accepted socket (the broker's fault table); plain sockets when absent. */
  socketHook?: SocketHook;
}

/** Requests queued per connection before the socket stops being read (backpressure, like Kafka's muting). */
const MAX_QUEUED_FRAMES = 64;

/**
 * The broker's network layer. Like Kafka's SocketServer, one connection has one request in
 * processing at a time, so responses leave in request order without reordering buffers and a
 * slow client cannot pile up work; pipelined requests wait in the queue.
 */
export class SocketServer {
  private server: net.Server | null = null;
  private readonly connections = new Set<KafkaConnection>();
  private nextConnectionId = 0;

  constructor(private readonly options: SocketServerOptions) {}

  async start(): Promise<number> {
    const server = net.createServer({ noDelay: true }, (socket) => this.accept(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return (server.address() as net.AddressInfo).port;
  }

  get port(): number {
    return (this.server?.address() as net.AddressInfo | null)?.port ?? -1;
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const connection of this.connections) connection.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(socket: net.Socket): void {
    const link = this.options.socketHook ? this.options.socketHook.accepted(socket) : plainLink(socket);
    const connection = new KafkaConnection(link, `${++this.nextConnectionId}`, this.options, () =>
      this.connections.delete(connection),
    );
    this.connections.add(connection);
  }
}

class KafkaConnection implements ConnectionInfo {
  readonly remote: string;
  private readonly reader: FrameSplitter;
  private readonly socket: net.Socket;
  private readonly queue: Buffer[] = [];
  private processing = false;
  private closed = false;

  constructor(
    private readonly link: SocketLink,
    readonly id: string,
    private readonly options: SocketServerOptions,
    private readonly onClose: () => void,
  ) {
    const socket = link.socket;
    this.socket = socket;
    this.remote = `${socket.remoteAddress}:${socket.remotePort}`;
    this.reader = new FrameSplitter(options.maxRequestBytes);
    link.onData((chunk: Buffer) => this.onData(chunk));
    socket.on('error', (err) => this.options.logger.debug(`connection ${this.remote}: ${err.message}`));
    socket.on('close', () => this.finish());
  }

  destroy(): void {
    this.socket.destroy();
    this.finish();
  }

  private onData(chunk: Buffer): void {
    if (this.closed) return;
    let frames: Buffer[];
    try {
      frames = this.reader.push(chunk);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      this.closeWith(`closing connection from ${this.remote}: ${reason}`);
      return;
    }
    if (frames.length === 0) return;
    this.queue.push(...frames);
    if (this.queue.length >= MAX_QUEUED_FRAMES) this.link.pauseReading();
    if (!this.processing) void this.drainQueue();
  }

  private async drainQueue(): Promise<void> {
    this.processing = true;
    try {
      while (this.queue.length > 0 && !this.closed) {
        const frame = this.queue.shift() as Buffer;
        let response: Buffer[] | null;
        try {
          response = await this.options.handler(frame, this);
        } catch (err) {
          if (err instanceof CloseConnection) {
            this.closeWith(`closing connection from ${this.remote}: ${err.message}`);
          } else {
            const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
            this.closeWith(`closing connection from ${this.remote} after an unexpected error: ${detail}`, 'error');
          }
          return;
        }
        if (this.closed) return;
        if (response && !this.writeChunks(response)) {
          await new Promise<void>((resolve) => {
            const done = (): void => {
              this.socket.off('drain', done);
              this.socket.off('close', done);
              resolve();
            };
            this.socket.on('drain', done);
            this.socket.on('close', done);
          });
        }
        if (this.queue.length < MAX_QUEUED_FRAMES / 2 && this.link.readingPaused) this.link.resumeReading();
      }
    } finally {
      this.processing = false;
    }
  }

  /** Writes a response's chunks in one go; false when the socket asks the writer to wait. */
  private writeChunks(chunks: Buffer[]): boolean {
    if (chunks.length === 1) return this.link.write(chunks[0]!);
    this.socket.cork();
    let ok = true;
    for (const chunk of chunks) ok = this.link.write(chunk) && ok;
    this.socket.uncork();
    return ok;
  }

  private closeWith(message: string, level: 'warn' | 'error' = 'warn'): void {
    this.options.logger[level](message);
    this.socket.destroy();
    this.finish();
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.queue.length = 0;
    this.onClose();
  }
}
