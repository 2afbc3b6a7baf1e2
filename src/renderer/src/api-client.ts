// How the renderer reaches the ConsoleApi: through the preload bridge in Electron, or over the
// engine host's HTTP/WebSocket API in a browser. The browser's token arrives in the URL fragment
// (#token=…) and is removed from the address bar at once (DESIGN decision 10). It is kept in the tab's
// sessionStorage so that reload and deep links keep working: never in the address, history or a
// cookie, gone when the tab closes, and readable only by this origin's pages.
import {
  BRIDGE_KEY,
  eventMethodName,
  facadePath,
  type BrokerlabBridge,
  type ConsoleChannel,
  type ConsoleStream,
  type PayloadOf,
  type RequestOf,
  type ResponseOf,
  type Unsubscribe,
} from '../../shared/console-api';
import { ApiErrorName, ConsoleApiError, type RpcReply } from '../../shared/console-errors';
import { HttpConsoleClient } from '../../shared/http-console-client';

export interface ConsoleClient {
  /** Resolves with the response, or rejects with a ConsoleApiError (name + message). */
  call<C extends ConsoleChannel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
  subscribe<S extends ConsoleStream>(stream: S, listener: (payload: PayloadOf<S>) => void): Unsubscribe;
}

const TOKEN_FRAGMENT = /^#token=([A-Za-z0-9_-]+)$/;

/**
 * Takes the token out of `#token=…`: returns it and replaces the address with the same page at
 * the default route, without a history entry, so neither the address bar nor Back shows it.
 */
export function takeTokenFromLocation(loc: Pick<Location, 'hash' | 'pathname' | 'search'>, history: Pick<History, 'replaceState'>): string | null {
  const m = TOKEN_FRAGMENT.exec(loc.hash);
  if (!m) return null;
  history.replaceState(null, '', `${loc.pathname}${loc.search}#/`);
  return m[1]!;
}

class BridgeClient implements ConsoleClient {
  constructor(private readonly bridge: BrokerlabBridge) {}

  async call<C extends ConsoleChannel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
    const [domain, method] = facadePath(channel);
    const api = this.bridge.api as unknown as Record<string, Record<string, (r: unknown) => Promise<RpcReply<unknown>>>>;
    const reply = await api[domain]![method]!(request);
    if ('error' in reply) throw ConsoleApiError.from(reply.error);
    return reply.result as ResponseOf<C>;
  }

  subscribe<S extends ConsoleStream>(streamName: S, listener: (payload: PayloadOf<S>) => void): Unsubscribe {
    const events = this.bridge.events as unknown as Record<string, (l: (p: unknown) => void) => Unsubscribe>;
    return events[eventMethodName(streamName)]!(listener as (p: unknown) => void);
  }
}

class MissingTokenClient implements ConsoleClient {
  call(): Promise<never> {
    // No message of its own: the error panel's hint, in the console's language, says what to do.
    return Promise.reject(new ConsoleApiError(ApiErrorName.UNAUTHORIZED, ''));
  }
  subscribe(): Unsubscribe {
    return () => undefined;
  }
}

const TOKEN_KEY = 'brokerlab.token';
const TOKEN_SHAPE = /^[A-Za-z0-9_-]+$/;

/** The token of this tab: a new one from the address (kept), else the one kept earlier. */
export function resolveToken(fromAddress: string | null, storage: Pick<Storage, 'getItem' | 'setItem'> | null): string | null {
  try {
    if (fromAddress) {
      storage?.setItem(TOKEN_KEY, fromAddress);
      return fromAddress;
    }
    const kept = storage?.getItem(TOKEN_KEY) ?? null;
    return kept && TOKEN_SHAPE.test(kept) ? kept : null;
  } catch {
    // Storage can be disabled: the token then lasts as long as the page.
    return fromAddress;
  }
}

function sessionStore(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

let client: ConsoleClient | null = null;
/** The browser's API address and token, for streamed downloads (null in the desktop app). */
let httpTarget: { baseUrl: string; token: string } | null = null;

/** Call once before the app renders: it strips the token from the address before any route reads it. */
export function initConsoleClient(): ConsoleClient {
  if (client) return client;
  const bridge = (window as unknown as Record<string, BrokerlabBridge | undefined>)[BRIDGE_KEY];
  if (bridge?.desktop) {
    client = new BridgeClient(bridge);
  } else {
    const token = resolveToken(takeTokenFromLocation(window.location, window.history), sessionStore());
    client = token ? new HttpConsoleClient({ baseUrl: window.location.origin, token }) : new MissingTokenClient();
    httpTarget = token ? { baseUrl: window.location.origin, token } : null;
  }
  return client;
}

/** Where GET downloads (the messages export) go in a browser; null in the desktop app or without a token. */
export function httpApiTarget(): { baseUrl: string; token: string } | null {
  return httpTarget;
}

/** The desktop bridge, when the page runs in the app. */
export function desktopBridge(): BrokerlabBridge | null {
  const bridge = (window as unknown as Record<string, BrokerlabBridge | undefined>)[BRIDGE_KEY];
  return bridge?.desktop ? bridge : null;
}

export function consoleClient(): ConsoleClient {
  return client ?? initConsoleClient();
}
