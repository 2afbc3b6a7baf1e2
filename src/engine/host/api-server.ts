// The engine host's binding of the ConsoleApi to HTTP and WebSocket on the loopback (DESIGN
// decision 10): POST /api/rpc/<channel>, the script routes of api-routes.ts, WS /api/events, and with --console the
// built renderer as static files. Every request passes the Host and Origin checks; API requests
// need the bearer token. No cookies are ever set, and no CORS headers: a foreign page gets nothing.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ConsoleBackend } from '../../shared/console-api';
import { dispatchRpc } from '../../shared/console-dispatch';
import { ApiErrorName, type ApiErrorBody } from '../../shared/console-errors';
import type { Logger } from '../logger';
import { bearerToken, isAllowedHost, isAllowedOrigin, tokenMatches } from './api-auth';
import { EventsEndpoint } from './api-events';
import { matchScriptRoute } from './api-routes';
import { describeEngineError } from './console-error-mapping';
import { serveStaticFile } from './static-files';
import { EXPORT_DOWNLOAD_PATH, serveExportDownload, type ExportStreamSource } from './messages/transfer/export-download';

export interface ApiServerOptions {
  /** 0 picks a free port. */
  port: number;
  token: string;
  backend: ConsoleBackend;
  logger: Logger;
  /** The built renderer to serve (`brokerlab up --console`); null serves only the API. */
  staticRoot?: string | null;
  /** Largest accepted request body. Default 1 MiB. */
  maxBodyBytes?: number;
  /** The messages export as a streamed download (GET /api/messages/export); absent: 404. */
  exportStream?: ExportStreamSource;
}

export interface ApiServer {
  readonly port: number;
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  close(): Promise<void>;
}

const RPC_PREFIX = '/api/rpc/';
export const API_HOST = '127.0.0.1';

/** HTTP status of an error envelope: the caller's mistakes are 4xx, the cluster's refusals 409/422, outages 5xx. */
export function statusForError(name: string): number {
  switch (name) {
    case ApiErrorName.INVALID_REQUEST:
      return 400;
    case ApiErrorName.UNAUTHORIZED:
      return 401;
    case ApiErrorName.FORBIDDEN:
      return 403;
    case ApiErrorName.UNKNOWN_CHANNEL:
    case ApiErrorName.NOT_FOUND:
      return 404;
    case ApiErrorName.METHOD_NOT_ALLOWED:
      return 405;
    case ApiErrorName.PAYLOAD_TOO_LARGE:
      return 413;
    case ApiErrorName.UNSUPPORTED_MEDIA_TYPE:
      return 415;
    case ApiErrorName.INTERNAL_ERROR:
      return 500;
    case ApiErrorName.BROKER_UNREACHABLE:
    case ApiErrorName.NETWORK_EXCEPTION:
      return 502;
    case ApiErrorName.UNSUPPORTED_VERSION:
    case ApiErrorName.NO_EMBEDDED_CLUSTER:
      return 501;
    case ApiErrorName.REQUEST_TIMED_OUT:
      return 504;
    case 'TOPIC_ALREADY_EXISTS':
    // The group's state refuses the change (members are consuming), not the request itself.
    case 'NON_EMPTY_GROUP':
    case 'GROUP_SUBSCRIBED_TO_TOPIC':
    case ApiErrorName.CONFLICT:
      return 409;
    default:
      // A Kafka error: the request was well formed and the cluster refused it.
      return 422;
  }
}

const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, JSON_HEADERS).end(JSON.stringify(body));
}

function sendError(res: ServerResponse, error: ApiErrorBody, extraHeaders: Record<string, string> = {}): void {
  res.writeHead(statusForError(error.name), { ...JSON_HEADERS, ...extraHeaders }).end(JSON.stringify({ error }));
}

class BodyTooLarge extends Error {}

/** readJsonBody's answer when it has already sent an error. */
const NO_BODY = Symbol('no body');

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLarge());
        req.pause();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const maxBody = options.maxBodyBytes ?? 1024 * 1024;
  const events = new EventsEndpoint({ token: options.token, backend: options.backend, logger: options.logger });
  let port = options.port;

  const rpc = async (channel: string, request: unknown, res: ServerResponse): Promise<void> => {
    const reply = await dispatchRpc(options.backend, channel, request, describeEngineError);
    if ('error' in reply) sendError(res, reply.error);
    else sendJson(res, 200, reply.result);
  };

  /**
   * The JSON body of a request, or NO_BODY once an error was sent. Bodies must be
   * application/json (a form post cannot send that without a CORS preflight); with `optional`, an
   * empty body of any type is fine and gives undefined.
   */
  const readJsonBody = async (req: IncomingMessage, res: ServerResponse, opts: { optional: boolean }): Promise<unknown> => {
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    const declared = Number(req.headers['content-length'] ?? 0);
    const mayBeEmpty = opts.optional && type !== 'application/json' && declared === 0;
    if (type !== 'application/json' && !mayBeEmpty) {
      sendError(res, { name: ApiErrorName.UNSUPPORTED_MEDIA_TYPE, message: 'the request body must be application/json' });
      return NO_BODY;
    }
    let text: string;
    try {
      text = await readBody(req, maxBody);
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        res.setHeader('connection', 'close');
        sendError(res, { name: ApiErrorName.PAYLOAD_TOO_LARGE, message: `the request body exceeds ${maxBody} bytes` });
        return NO_BODY;
      }
      throw err;
    }
    if (text.trim().length === 0) return undefined;
    if (mayBeEmpty) {
      sendError(res, { name: ApiErrorName.UNSUPPORTED_MEDIA_TYPE, message: 'the request body must be application/json' });
      return NO_BODY;
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      sendError(res, { name: ApiErrorName.INVALID_REQUEST, message: 'the request body is not valid JSON' });
      return NO_BODY;
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // Host first: a DNS-rebound page must learn nothing, not even whether it guessed a path.
    if (!isAllowedHost(req.headers.host, port)) return sendError(res, { name: ApiErrorName.FORBIDDEN, message: 'this host name is not allowed' });
    if (!isAllowedOrigin(req.headers.origin, port)) return sendError(res, { name: ApiErrorName.FORBIDDEN, message: 'cross-origin requests are not allowed' });
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;

    if (path === '/api' || path.startsWith('/api/')) {
      if (!tokenMatches(options.token, bearerToken(req.headers.authorization))) {
        return sendError(res, { name: ApiErrorName.UNAUTHORIZED, message: 'a valid bearer token is required' }, { 'www-authenticate': 'Bearer' });
      }
      if (path === EXPORT_DOWNLOAD_PATH && options.exportStream) return serveExportDownload(req, res, options.exportStream, sendError);
      const script = matchScriptRoute(path);
      if (script && 'error' in script) return sendError(res, script.error);
      if (script) {
        const { route } = script;
        if (req.method !== route.method) return sendError(res, { name: ApiErrorName.METHOD_NOT_ALLOWED, message: `use ${route.method}` }, { allow: route.method });
        let body: Record<string, unknown> = {};
        if (route.method === 'POST') {
          const parsed = await readJsonBody(req, res, { optional: true });
          if (parsed === NO_BODY) return;
          if (parsed !== undefined) {
            if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
              return sendError(res, { name: ApiErrorName.INVALID_REQUEST, message: 'the request body must be a JSON object' });
            }
            body = parsed as Record<string, unknown>;
          }
        }
        return rpc(route.channel, route.request(body, new URL(req.url ?? '/', 'http://localhost').searchParams), res);
      }
      if (path.startsWith(RPC_PREFIX)) {
        if (req.method !== 'POST') return sendError(res, { name: ApiErrorName.METHOD_NOT_ALLOWED, message: 'use POST' }, { allow: 'POST' });
        const request = await readJsonBody(req, res, { optional: false });
        if (request === NO_BODY) return;
        let channel: string;
        try {
          channel = decodeURIComponent(path.slice(RPC_PREFIX.length));
        } catch {
          return sendError(res, { name: ApiErrorName.UNKNOWN_CHANNEL, message: 'malformed channel name' });
        }
        return rpc(channel, request ?? {}, res);
      }
      return sendError(res, { name: ApiErrorName.NOT_FOUND, message: 'no such API path' });
    }

    if (options.staticRoot && (req.method === 'GET' || req.method === 'HEAD')) {
      return serveStaticFile(options.staticRoot, req, res, path);
    }
    return sendError(res, { name: ApiErrorName.NOT_FOUND, message: 'not found' });
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      options.logger.error(`api request ${req.method} ${req.url} failed: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) sendError(res, { name: ApiErrorName.INTERNAL_ERROR, message: 'the request failed' });
      else res.destroy();
    });
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const refuse = (status: number, text: string): void => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (!isAllowedHost(req.headers.host, port) || !isAllowedOrigin(req.headers.origin, port)) return refuse(403, 'Forbidden');
    if (path !== '/api/events') return refuse(404, 'Not Found');
    events.handleUpgrade(req, socket, head);
  });
  server.on('clientError', (_err, socket) => socket.destroy());

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port, API_HOST, () => {
      server.off('error', fail);
      ok();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    origin: `http://${API_HOST}:${port}`,
    close: () =>
      new Promise<void>((ok) => {
        events.close();
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
