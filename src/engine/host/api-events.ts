// The WebSocket side of the API (/api/events): the first message must authenticate, then the
// client subscribes to event streams by name. Browsers cannot put an Authorization header on a
// WebSocket, hence the auth message (DESIGN decision 10).
import type { IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import type { Duplex } from 'node:stream';
import type * as Ws from 'ws';
import type { RawData, WebSocket } from 'ws';
import { isConsoleStream, type ConsoleBackend, type ConsoleStream, type EventsServerMessage, type Unsubscribe } from '../../shared/console-api';
import { ApiErrorName } from '../../shared/console-errors';
import type { Logger } from '../logger';
import { describeEngineError } from './console-error-mapping';
import { tokenMatches } from './api-auth';

/** RFC 6455 close codes used here. */
export const WS_POLICY_VIOLATION = 1008;
export const WS_GOING_AWAY = 1001;

export interface EventsEndpointOptions {
  token: string;
  backend: ConsoleBackend;
  logger: Logger;
  /** How long a socket may stay silent before its auth message. Default 5 s. */
  authTimeoutMs?: number;
}

// Required, not imported: see crc32c.ts (Node's CommonJS export lexer costs ~30 ms at start-up).
const { WebSocketServer } = createRequire(import.meta.url)('ws') as typeof Ws;

const MAX_MESSAGE_BYTES = 16 * 1024;
/** A client that does not read its events is dropped rather than buffered without bound. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

export class EventsEndpoint {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  constructor(private readonly options: EventsEndpointOptions) {}

  /** Takes over an upgrade request whose Host and Origin the server has checked. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws));
  }

  close(): void {
    for (const ws of this.wss.clients) ws.close(WS_GOING_AWAY, 'server stopping');
    this.wss.close();
  }

  private onConnection(ws: WebSocket): void {
    const subscriptions = new Map<ConsoleStream, Unsubscribe>();
    let authed = false;
    const send = (msg: EventsServerMessage): void => {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
        ws.close(WS_POLICY_VIOLATION, 'event consumer too slow');
        return;
      }
      ws.send(JSON.stringify(msg));
    };
    const authTimer = setTimeout(() => ws.close(WS_POLICY_VIOLATION, 'authentication required'), this.options.authTimeoutMs ?? 5_000);
    authTimer.unref();

    ws.on('message', (data: RawData, isBinary: boolean) => {
      let msg: { type?: unknown; token?: unknown; stream?: unknown };
      try {
        if (isBinary) throw new Error('binary');
        msg = JSON.parse(data.toString()) as typeof msg;
        if (typeof msg !== 'object' || msg === null) throw new Error('not an object');
      } catch {
        if (!authed) ws.close(WS_POLICY_VIOLATION, 'authentication required');
        else send({ type: 'error', error: { name: ApiErrorName.INVALID_REQUEST, message: 'messages must be JSON objects' } });
        return;
      }
      if (!authed) {
        clearTimeout(authTimer);
        if (msg.type !== 'auth' || !tokenMatches(this.options.token, typeof msg.token === 'string' ? msg.token : null)) {
          ws.close(WS_POLICY_VIOLATION, 'authentication required');
          return;
        }
        authed = true;
        send({ type: 'ready' });
        return;
      }
      if ((msg.type === 'subscribe' || msg.type === 'unsubscribe') && typeof msg.stream === 'string') {
        const name = msg.stream;
        if (!isConsoleStream(name)) {
          send({ type: 'error', error: { name: ApiErrorName.UNKNOWN_STREAM, message: `there is no event stream '${name.slice(0, 100)}'` } });
          return;
        }
        if (msg.type === 'unsubscribe') {
          subscriptions.get(name)?.();
          subscriptions.delete(name);
        } else if (!subscriptions.has(name)) {
          try {
            subscriptions.set(name, this.options.backend.subscribe(name, (payload) => send({ type: 'event', stream: name, payload })));
          } catch (err) {
            send({ type: 'error', error: describeEngineError(err) });
          }
        }
        return;
      }
      send({ type: 'error', error: { name: ApiErrorName.INVALID_REQUEST, message: "expected { type: 'subscribe' | 'unsubscribe', stream }" } });
    });
    ws.on('close', () => {
      clearTimeout(authTimer);
      for (const unsubscribe of subscriptions.values()) unsubscribe();
      subscriptions.clear();
    });
    ws.on('error', (err) => this.options.logger.debug(`events socket error: ${err.message}`));
  }
}
