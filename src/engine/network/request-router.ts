import { apiKeyName } from '../protocol/api-keys';
import { ApiKey } from '../protocol/api-keys';
import { encodeApiVersionsFallback, encodeResponseChunks, decodeRequest, decodeRequestHeader, type DecodedRequestHeader } from '../protocol/headers';
import type { SupportedApiKey } from '../protocol/apis';
import type { Logger } from '../logger';
import { NO_RESPONSE, type AnyApiHandler, type ApiHandler } from './api-handler';
import { CloseConnection, type ConnectionInfo } from './socket-server';

export interface AdvertisedApi {
  apiKey: number;
  minVersion: number;
  maxVersion: number;
}

/**
 * Turns request frames into handler calls and encoded responses. What cannot be answered in the
 * client's own version closes the connection, as Kafka's SocketServer does for a request it cannot
 * parse: an unknown API key, a version outside the advertised range (except ApiVersions, which
 * answers in v0 per KIP-511), or a malformed body.
 */
export class RequestRouter {
  private readonly handlers = new Map<number, AnyApiHandler>();

  constructor(private readonly logger: Logger) {}

  register<K extends SupportedApiKey>(handler: ApiHandler<K>): this {
    this.handlers.set(handler.apiKey, handler as unknown as AnyApiHandler);
    return this;
  }

  advertised(): AdvertisedApi[] {
    return [...this.handlers.values()]
      .map((h) => ({ apiKey: h.apiKey, minVersion: h.minVersion, maxVersion: h.maxVersion }))
      .sort((a, b) => a.apiKey - b.apiKey);
  }

  readonly handleFrame = async (frame: Buffer, connection: ConnectionInfo): Promise<Buffer[] | null> => {
    let header: DecodedRequestHeader;
    try {
      header = decodeRequestHeader(frame);
    } catch (err) {
      throw new CloseConnection(`malformed request header (${describe(err)})`);
    }
    const handler = this.handlers.get(header.apiKey);
    if (!handler) throw new CloseConnection(`unknown API key ${header.apiKey}`);
    const name = apiKeyName(header.apiKey) ?? String(header.apiKey);
    if (header.apiVersion < handler.minVersion || header.apiVersion > handler.maxVersion) {
      if (header.apiKey === ApiKey.ApiVersions) return [encodeApiVersionsFallback(header.correlationId, this.advertised())];
      throw new CloseConnection(
        `unsupported version ${header.apiVersion} of ${name} (supported ${handler.minVersion}-${handler.maxVersion})`,
      );
    }
    let request: unknown;
    try {
      request = decodeRequest(handler.apiKey, header.apiVersion, frame, header.bodyOffset);
    } catch (err) {
      throw new CloseConnection(`malformed ${name} v${header.apiVersion} request (${describe(err)})`);
    }
    const result = await (handler.handle as (c: unknown, r: unknown) => unknown)({ header, connection }, request);
    if (result === NO_RESPONSE) return null;
    return encodeResponseChunks(handler.apiKey, header.apiVersion, header.correlationId, result as never);
  };
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
