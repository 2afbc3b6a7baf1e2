// Plain HTTP routes for scripts and the CLI, each a thin alias of a ConsoleApi channel:
//   GET  /api/cluster                         → cluster:state
//   GET  /api/events?after=N                  → events:list
//   POST /api/brokers/{id}/{action}           → brokers:action (kill|stop|start|restart|pause|resume|isolate|heal|power-loss)
//   POST /api/brokers/{id}/latency {"ms": N}  → brokers:latency
//   POST /api/links/{a}/{b}/{cut|heal}        → links:action
//   POST /api/brokers                         → brokers:add
//   POST /api/brokers/{id}/remove             → brokers:remove
import { ApiErrorName, type ApiErrorBody } from '../../shared/console-errors';
import { BROKER_ACTIONS, LINK_ACTIONS } from '../../shared/engine-types';

export interface ScriptRoute {
  method: 'GET' | 'POST';
  channel: string;
  /** The channel's request from the route's parameters and the JSON body ({} when empty). */
  request(body: Record<string, unknown>, query: URLSearchParams): unknown;
}

export type RouteMatch = { route: ScriptRoute } | { error: ApiErrorBody } | null;

function notFound(message: string): { error: ApiErrorBody } {
  return { error: { name: ApiErrorName.NOT_FOUND, message } };
}

function badRequest(message: string): { error: ApiErrorBody } {
  return { error: { name: ApiErrorName.INVALID_REQUEST, message } };
}

/** A broker id from the path: a whole number, or a 400 naming what was given. */
function idOf(segment: string, what: string): number | { error: ApiErrorBody } {
  let text: string;
  try {
    text = decodeURIComponent(segment);
  } catch {
    text = segment;
  }
  if (!/^\d{1,9}$/.test(text)) return badRequest(`${what} must be a whole number, got '${text.slice(0, 40)}'`);
  return Number(text);
}

function queryInt(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  return raw === null || !/^\d{1,15}$/.test(raw) ? undefined : Number(raw);
}

/** The script route of `path`, an error for a malformed id or unknown action, or null for other paths. */
export function matchScriptRoute(path: string): RouteMatch {
  if (path === '/api/cluster') return { route: { method: 'GET', channel: 'cluster:state', request: () => ({}) } };
  if (path === '/api/events') {
    return {
      route: {
        method: 'GET',
        channel: 'events:list',
        request: (_body, query) => ({ afterSeq: queryInt(query, 'after'), limit: queryInt(query, 'limit') }),
      },
    };
  }
  const parts = path.split('/').slice(1);
  if (parts[0] !== 'api') return null;
  if (parts[1] === 'brokers') {
    if (parts.length === 2) return { route: { method: 'POST', channel: 'brokers:add', request: () => ({}) } };
    if (parts.length !== 4) return notFound('broker routes are /api/brokers and /api/brokers/{id}/{action}');
    const id = idOf(parts[2]!, 'the broker id');
    if (typeof id !== 'number') return id;
    const action = parts[3]!;
    if (action === 'latency') return { route: { method: 'POST', channel: 'brokers:latency', request: (body) => ({ ...body, id }) } };
    if (action === 'remove') return { route: { method: 'POST', channel: 'brokers:remove', request: () => ({ id }) } };
    if (!(BROKER_ACTIONS as readonly string[]).includes(action)) {
      return notFound(`there is no broker action '${action.slice(0, 40)}': use one of ${BROKER_ACTIONS.join(', ')}, latency`);
    }
    return { route: { method: 'POST', channel: 'brokers:action', request: (body) => ({ ...body, id, action }) } };
  }
  if (parts[1] === 'links') {
    if (parts.length !== 5) return notFound('link routes are /api/links/{a}/{b}/{cut|heal}');
    const a = idOf(parts[2]!, 'the first broker id');
    if (typeof a !== 'number') return a;
    const b = idOf(parts[3]!, 'the second broker id');
    if (typeof b !== 'number') return b;
    const action = parts[4]!;
    if (!(LINK_ACTIONS as readonly string[]).includes(action)) {
      return notFound(`there is no link action '${action.slice(0, 40)}': use one of ${LINK_ACTIONS.join(', ')}`);
    }
    return { route: { method: 'POST', channel: 'links:action', request: (body) => ({ ...body, a, b, action }) } };
  }
  return null;
}
