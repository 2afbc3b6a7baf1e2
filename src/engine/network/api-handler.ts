import type { DecodedRequestHeader } from '../protocol/headers';
import type { RequestOf, ResponseInputOf, SupportedApiKey } from '../protocol/apis';
import type { ConnectionInfo } from './socket-server';

export interface RequestContext {
  readonly header: DecodedRequestHeader;
  readonly connection: ConnectionInfo;
}

/** Returned by a handler that must not answer (Produce with acks=0). */
export const NO_RESPONSE = Symbol('no response');

export type HandlerResult<K extends SupportedApiKey> = ResponseInputOf<K> | typeof NO_RESPONSE;

/**
 * One API as the broker serves it: the version range it advertises, and a handler that decodes
 * nothing itself (the router hands it the typed request) and owns no state (it delegates to the
 * replica manager, metadata cache or controller).
 */
export interface ApiHandler<K extends SupportedApiKey> {
  readonly apiKey: K;
  readonly minVersion: number;
  readonly maxVersion: number;
  handle(context: RequestContext, request: RequestOf<K>): Promise<HandlerResult<K>> | HandlerResult<K>;
}

/** Erases the key so handlers of different APIs can sit in one table. */
export type AnyApiHandler = { [K in SupportedApiKey]: ApiHandler<K> }[SupportedApiKey];
