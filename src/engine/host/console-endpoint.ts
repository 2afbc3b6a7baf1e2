import type { Logger } from '../logger';
import { startApiServer, type ApiServer } from './api-server';
import { ConsoleService } from './console-service';
import type { EngineControl } from './engine-control';

export interface ConsoleEndpointOptions {
  engine: EngineControl | null;
  apiPort: number;
  token: string;
  staticRoot: string | null;
  logger: Logger;
  tickMs?: number;
  /** The chart history's folder (`DATA/history` under `up`); absent: memory only. */
  historyRoot?: string;
  sampleTickMs?: number;
}

export interface ConsoleEndpoint {
  readonly service: ConsoleService;
  readonly server: ApiServer;
  /** http://127.0.0.1:PORT/#token=… — the fragment never reaches a server or a Referer. */
  readonly url: string;
  close(): Promise<void>;
}

/** The ConsoleApi of an engine host, served over HTTP/WebSocket on the loopback. */
export async function startConsoleEndpoint(options: ConsoleEndpointOptions): Promise<ConsoleEndpoint> {
  const service = new ConsoleService({ engine: options.engine, logger: options.logger, tickMs: options.tickMs, historyRoot: options.historyRoot, sampleTickMs: options.sampleTickMs });
  let server: ApiServer;
  try {
    server = await startApiServer({ port: options.apiPort, token: options.token, backend: service, logger: options.logger, staticRoot: options.staticRoot, exportStream: (req) => service.transfer.exportStream(req) });
  } catch (err) {
    await service.close();
    const code = (err as NodeJS.ErrnoException).code;
    // The code stays on the error: the CLI gives a busy API port its own exit code.
    if (code === 'EADDRINUSE') throw Object.assign(new Error(`API port ${options.apiPort} is in use: pick another with --api-port, or 0 for a free one`), { code });
    throw err;
  }
  return {
    service,
    server,
    url: `${server.origin}/#token=${options.token}`,
    close: async () => {
      await server.close();
      await service.close();
    },
  };
}
