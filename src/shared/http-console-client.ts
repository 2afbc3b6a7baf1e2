// A ConsoleApi client over the engine host's HTTP/WebSocket binding. Uses only web globals (fetch,
// WebSocket), so the renderer, Electron main's relay and Node tests share it; Node 20 passes the
// `ws` package's WebSocket.
import {
  isConsoleStream,
  type ConsoleBackend,
  type ConsoleChannel,
  type ConsoleStream,
  type EventsClientMessage,
  type EventsServerMessage,
  type PayloadOf,
  type RequestOf,
  type ResponseOf,
  type Unsubscribe,
} from './console-api';
import { ApiErrorName, ConsoleApiError, isErrorEnvelope, type ApiErrorBody, type RpcReply } from './console-errors';

/** The part of the WebSocket interface used here (the browser's, Node 22's, and `ws`'s all fit). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

export type WebSocketFactory = (url: string) => WebSocketLike;

export interface HttpConsoleClientOptions {
  /** "http://127.0.0.1:9600" (no trailing path). */
  baseUrl: string;
  token: string;
  /** Defaults to the global WebSocket. */
  webSocket?: WebSocketFactory;
  /** Delay before reopening a lost event socket. Default 1 s. */
  reconnectMs?: number;
}

const OPEN = 1;

export class HttpConsoleClient implements ConsoleBackend {
  private readonly baseUrl: string;
  private readonly listeners = new Map<ConsoleStream, Set<(payload: unknown) => void>>();
  private socket: WebSocketLike | null = null;
  private ready = false;
  private closed = false;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  /** Errors the server reported on the event socket (bad subscribe…), for diagnostics. */
  readonly eventErrors: ApiErrorBody[] = [];

  constructor(private readonly options: HttpConsoleClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  /** POSTs a request as is and returns the server's answer as a reply: nothing is thrown for API errors. */
  async callRaw(channel: string, request: unknown): Promise<RpcReply<unknown>> {
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}/api/rpc/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.options.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(request ?? {}),
        credentials: 'omit',
      });
    } catch (err) {
      return { error: { name: ApiErrorName.TRANSPORT_ERROR, message: `the engine host did not answer: ${err instanceof Error ? err.message : String(err)}` } };
    }
    const text = await res.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return { error: { name: ApiErrorName.TRANSPORT_ERROR, message: `HTTP ${res.status} with a body that is not JSON` } };
    }
    if (!res.ok) {
      return isErrorEnvelope(body) ? body : { error: { name: ApiErrorName.TRANSPORT_ERROR, message: `HTTP ${res.status}` } };
    }
    return { result: body };
  }

  async call<C extends ConsoleChannel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
    const reply = await this.callRaw(channel, request);
    if ('error' in reply) throw ConsoleApiError.from(reply.error);
    return reply.result as ResponseOf<C>;
  }

  subscribe<S extends ConsoleStream>(streamName: S, listener: (payload: PayloadOf<S>) => void): Unsubscribe {
    let set = this.listeners.get(streamName);
    const first = !set;
    if (!set) this.listeners.set(streamName, (set = new Set()));
    const l = listener as (payload: unknown) => void;
    set.add(l);
    if (first && this.ready) this.send({ type: 'subscribe', stream: streamName });
    this.ensureSocket();
    return () => {
      const s = this.listeners.get(streamName);
      if (!s?.delete(l) || s.size > 0) return;
      this.listeners.delete(streamName);
      if (this.ready) this.send({ type: 'unsubscribe', stream: streamName });
    };
  }

  close(): void {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.socket?.close(1000, 'client closed');
    this.socket = null;
    this.listeners.clear();
  }

  private ensureSocket(): void {
    if (this.socket || this.closed) return;
    const url = `${this.baseUrl.replace(/^http/, 'ws')}/api/events`;
    const open = this.options.webSocket ?? ((u: string) => new WebSocket(u) as unknown as WebSocketLike);
    const socket = open(url);
    this.socket = socket;
    this.ready = false;
    socket.addEventListener('open', () => socket.send(JSON.stringify({ type: 'auth', token: this.options.token } satisfies EventsClientMessage)));
    socket.addEventListener('message', (event) => this.onMessage(event.data));
    socket.addEventListener('close', () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.ready = false;
      if (!this.closed && this.listeners.size > 0) {
        this.reconnectTimer = setTimeout(() => this.ensureSocket(), this.options.reconnectMs ?? 1000);
      }
    });
  }

  private onMessage(data: unknown): void {
    let msg: EventsServerMessage;
    try {
      msg = JSON.parse(typeof data === 'string' ? data : String(data)) as EventsServerMessage;
    } catch {
      return;
    }
    if (msg.type === 'ready') {
      this.ready = true;
      for (const streamName of this.listeners.keys()) this.send({ type: 'subscribe', stream: streamName });
    } else if (msg.type === 'event' && isConsoleStream(msg.stream)) {
      for (const l of [...(this.listeners.get(msg.stream) ?? [])]) l(msg.payload);
    } else if (msg.type === 'error') {
      this.eventErrors.push(msg.error);
    }
  }

  private send(msg: EventsClientMessage): void {
    if (this.socket && this.socket.readyState === OPEN) this.socket.send(JSON.stringify(msg));
  }
}
