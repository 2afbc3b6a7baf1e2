/**
 * Where `brokerlab messages` sends its calls: the engine host's API (--api, the embedded cluster)
 * or any Kafka cluster directly (--bootstrap-server), both over the same engine code — the API
 * runs it in the engine host, the direct backend runs it here.
 */
import { CONSOLE_CHANNELS, type RequestOf, type ResponseOf } from '../shared/console-api';
import type { MessagesExportRequest } from '../shared/messages-transfer-types';
import { exportRequest } from '../shared/messages-transfer-validators';
import { RequestValidationError } from '../shared/validate';
import { ApiRefusal, callApi, resolveApiTarget, type ApiTarget } from './api-target';
import type { Connection } from './messages-args';
import { UsageError } from './usage';

export type CliChannel = 'messages:read' | 'messages:import' | 'messages:replay';

export interface MessagesBackend {
  call<C extends CliChannel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
  /** Writes the export's pieces to `out` as they come; resolves when the file is complete. */
  exportTo(request: MessagesExportRequest, out: (piece: string) => Promise<void>): Promise<void>;
  /** Replay progress, where the backend can tell it (the direct one). */
  onReplayProgress?: (listener: (scanned: number, written: number) => void) => void;
  close(): Promise<void>;
}

/** A refusal from the cluster or the API, printed as "NAME: message" with exit code 1. */
export class MessagesRefusal extends Error {}

function validated<C extends CliChannel>(channel: C, request: RequestOf<C>): RequestOf<C> {
  try {
    return (CONSOLE_CHANNELS[channel].validate as (v: unknown, p: string) => RequestOf<C>)(request, 'request');
  } catch (err) {
    if (err instanceof RequestValidationError) throw new UsageError(err.message);
    throw err;
  }
}

function validExport(request: MessagesExportRequest): MessagesExportRequest {
  try {
    return exportRequest(request, 'request');
  } catch (err) {
    if (err instanceof RequestValidationError) throw new UsageError(err.message);
    throw err;
  }
}

export async function openBackend(connection: Connection, env: Record<string, string | undefined>): Promise<MessagesBackend> {
  return connection.kind === 'api' ? apiBackend(resolveApiTarget({ api: connection.api, token: connection.token }, env)) : directBackend(connection.bootstrap, connection.timeoutMs);
}

function apiBackend(target: ApiTarget): MessagesBackend {
  return {
    async call(channel, request) {
      try {
        return (await callApi(target, 'POST', `/api/rpc/${channel}`, validated(channel, request))) as ResponseOf<typeof channel>;
      } catch (err) {
        if (err instanceof ApiRefusal) throw new MessagesRefusal(err.message);
        throw err;
      }
    },
    async exportTo(request, out) {
      validExport(request);
      const url = `${target.baseUrl}/api/messages/export?request=${encodeURIComponent(JSON.stringify(request))}`;
      let res: Response;
      try {
        res = await fetch(url, { headers: { authorization: `Bearer ${target.token}` } });
      } catch (err) {
        throw new MessagesRefusal(`cannot reach the engine host at ${target.baseUrl}: ${err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err)}`);
      }
      if (!res.ok || !res.body) {
        const text = await res.text();
        let error: { name?: string; message?: string } | undefined;
        try {
          error = (JSON.parse(text) as { error?: { name?: string; message?: string } }).error;
        } catch {
          error = undefined;
        }
        throw new MessagesRefusal(error?.name ? `${error.name}: ${error.message ?? ''}` : `HTTP ${res.status} from ${target.baseUrl}`);
      }
      const decoder = new TextDecoder();
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) await out(decoder.decode(chunk, { stream: true }));
      } catch (err) {
        throw new MessagesRefusal(`the export stopped before its end: ${err instanceof Error ? err.message : String(err)}`);
      }
      const rest = decoder.decode();
      if (rest) await out(rest);
    },
    close: async () => undefined,
  };
}

async function directBackend(bootstrap: string, timeoutMs: number): Promise<MessagesBackend> {
  // Loaded here: the API backend needs none of the engine.
  const [{ Admin, KafkaClient }, { messagesHandlers }, { TransferService }, { DecoderSettings }, { SchemaFiles }, { createMemoryLogger }, { describeEngineError }] = await Promise.all([
    import('../engine/client/index'),
    import('../engine/host/messages/messages-service'),
    import('../engine/host/messages/transfer/transfer-service'),
    import('../engine/host/messages/decoder-settings'),
    import('../engine/host/messages/schema-files'),
    import('../engine/logger'),
    import('../engine/host/console-error-mapping'),
  ]);
  const client = new KafkaClient({ bootstrap, clientId: 'brokerlab-messages', connectTimeoutMs: timeoutMs, requestTimeoutMs: timeoutMs, retries: 3 });
  const admin = new Admin(client);
  const settings = new DecoderSettings(null, createMemoryLogger());
  const schemas = new SchemaFiles();
  const transfer = new TransferService({ adminOf: () => admin, settings, schemas });
  const handlers = { ...messagesHandlers({ adminOf: () => admin, engineDataDir: () => null, settings, schemas }), ...transfer.handlers() };
  const refusal = (err: unknown): never => {
    if (err instanceof UsageError) throw err;
    const body = describeEngineError(err);
    throw new MessagesRefusal(`${body.name}: ${body.message}`);
  };
  return {
    async call(channel, request) {
      const valid = validated(channel, request);
      try {
        return await (handlers[channel] as unknown as (r: RequestOf<typeof channel>) => Promise<ResponseOf<typeof channel>>)(valid);
      } catch (err) {
        return refusal(err);
      }
    },
    async exportTo(request, out) {
      try {
        const { lines } = await transfer.exportStream(validExport(request));
        for await (const piece of lines) await out(piece);
      } catch (err) {
        refusal(err);
      }
    },
    onReplayProgress(listener) {
      transfer.onProgress((e) => listener(e.scanned, e.written));
    },
    close: () => client.close(),
  };
}
