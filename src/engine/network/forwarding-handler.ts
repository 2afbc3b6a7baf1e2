import type { SupportedApiKey } from '../protocol/apis';
import type { RequestOf, ResponseInputOf } from '../protocol/apis';
import type { ApiHandler } from './api-handler';

export interface Forwarder {
  forward<K extends SupportedApiKey>(apiKey: K, version: number, request: RequestOf<K>): Promise<ResponseInputOf<K>>;
}

/**
 * A broker's handler for an API the controller owns (topic and config writes): the request goes to
 * the controller unchanged, in the client's own version, and its answer comes back unchanged.
 */
export function forwardingHandler<K extends SupportedApiKey>(apiKey: K, minVersion: number, maxVersion: number, forwarder: Forwarder): ApiHandler<K> {
  return {
    apiKey,
    minVersion,
    maxVersion,
    handle: (context, request) => forwarder.forward(apiKey, context.header.apiVersion, request),
  };
}
