// Electron main's link to the engine host (DESIGN decision 5): the bundled CLI runs `up` in a
// utilityProcess, and main relays IPC to its HTTP/WebSocket API with the shared client. The
// token goes to the child through its environment (not argv, which other local users can read).
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { UtilityProcess } from 'electron';
import type { ConsoleBackend, ConsoleChannel, ConsoleStream, PayloadOf, RequestOf, ResponseOf, Unsubscribe } from '../shared/console-api';
import { ApiErrorName, ConsoleApiError } from '../shared/console-errors';
import { HttpConsoleClient } from '../shared/http-console-client';

export const TOKEN_ENV = 'BROKERLAB_API_TOKEN';
const API_LINE = /^api: (http:\/\/127\.0\.0\.1:\d+)\//;
const REFUSAL_PREFIX = 'brokerlab: ';
const STDERR_GRACE_MS = 1000;

export interface EngineLink {
  readonly backend: ConsoleBackend;
  stop(): void;
}

/**
 * A backend usable at once: calls wait for the engine host's API line, subscriptions are
 * attached when it arrives; a host that fails to start turns every call into a clear error.
 */
export function linkEngineHost(fork: (env: Record<string, string>) => UtilityProcess): EngineLink {
  const token = randomBytes(32).toString('base64url');
  const child = fork({ [TOKEN_ENV]: token });
  let client: HttpConsoleClient | null = null;
  let failure: ConsoleApiError | null = null;
  const waiting: Array<() => void> = [];
  const settle = (): void => {
    for (const w of waiting.splice(0)) w();
  };
  // `up` refuses in one `brokerlab: …` line on stderr (a data folder in use, a busy port): that line,
  // not just an exit code, is what the console shows.
  let refusal: string | null = null;
  // 'exit' can come before the last stderr line is read; brokers share the pipe, so wait a little only.
  let stderrRead: Promise<void> = Promise.resolve();
  if (child.stderr) {
    const stderr = child.stderr;
    createInterface({ input: stderr }).on('line', (line) => {
      if (line.startsWith(REFUSAL_PREFIX)) refusal = line.slice(REFUSAL_PREFIX.length);
    });
    stderrRead = new Promise((resolve) => {
      stderr.once('end', resolve);
      stderr.once('close', resolve);
    });
  }
  if (child.stdout) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = API_LINE.exec(line);
      if (m && !client) {
        client = new HttpConsoleClient({ baseUrl: m[1]!, token });
        settle();
      }
    });
  }
  child.on('exit', (code) => {
    const stderrOrTimeout = Promise.race([stderrRead, new Promise((r) => setTimeout(r, STDERR_GRACE_MS))]);
    void stderrOrTimeout.then(() => {
      failure = new ConsoleApiError(ApiErrorName.BROKER_UNREACHABLE, refusal ?? `the engine host exited (code ${code})`);
      client?.close();
      client = null;
      settle();
    });
  });
  const ready = (): Promise<HttpConsoleClient> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        if (client) resolve(client);
        else if (failure) reject(failure);
        else waiting.push(check);
      };
      check();
    });

  const backend: ConsoleBackend = {
    async call<C extends ConsoleChannel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
      return (await ready()).call(channel, request);
    },
    subscribe<S extends ConsoleStream>(streamName: S, listener: (payload: PayloadOf<S>) => void): Unsubscribe {
      let unsubscribe: Unsubscribe | null = null;
      let cancelled = false;
      ready().then(
        (c) => {
          if (!cancelled) unsubscribe = c.subscribe(streamName, listener);
        },
        () => undefined,
      );
      return () => {
        cancelled = true;
        unsubscribe?.();
      };
    },
  };
  return {
    backend,
    stop: () => {
      client?.close();
      child.kill();
    },
  };
}
