import { ApiKey, FLEXIBLE_SINCE } from './api-keys';
import {
  API_TABLES,
  apiTable,
  type RequestInputOf,
  type RequestOf,
  type ResponseInputOf,
  type ResponseOf,
  type SupportedApiKey,
} from './apis/index';
import { decodeMessage, encodeMessage } from './codec';
import { ProtocolError, UnsupportedVersionError } from './protocol-error';
import { Reader } from './reader';
import { Writer } from './writer';

/** UNSUPPORTED_VERSION; used by the ApiVersions fallback below. */
const UNSUPPORTED_VERSION = 35;

function isFlexibleRequest(apiKey: number, apiVersion: number): boolean {
  const since = FLEXIBLE_SINCE[apiKey];
  return since !== undefined && since !== null && apiVersion >= since;
}

/**
 * Request header version: 2 for flexible request versions, else 1; ControlledShutdown v0 is the
 * only user of header v0. Keys Kafka does not define are read as header v1.
 */
export function requestHeaderVersion(apiKey: number, apiVersion: number): 0 | 1 | 2 {
  if (apiKey === ApiKey.ControlledShutdown && apiVersion === 0) return 0;
  return isFlexibleRequest(apiKey, apiVersion) ? 2 : 1;
}

/**
 * Response header version: 1 for flexible versions, else 0 — except ApiVersions, always 0, so a
 * client can read the reply before it knows which versions the broker speaks (KIP-511).
 */
export function responseHeaderVersion(apiKey: number, apiVersion: number): 0 | 1 {
  if (apiKey === ApiKey.ApiVersions) return 0;
  return isFlexibleRequest(apiKey, apiVersion) ? 1 : 0;
}

export interface DecodedRequestHeader {
  apiKey: number;
  apiVersion: number;
  correlationId: number;
  /** int16-length nullable string in every header version that has it (v1, v2); null in v0. */
  clientId: string | null;
  headerVersion: 0 | 1 | 2;
  /** Offset in the frame where the request body starts. */
  bodyOffset: number;
}

/** Reads the request header of a frame (the bytes after the 4-byte size prefix). */
export function decodeRequestHeader(frame: Buffer): DecodedRequestHeader {
  const r = new Reader(frame);
  const apiKey = r.int16();
  const apiVersion = r.int16();
  const correlationId = r.int32();
  const headerVersion = requestHeaderVersion(apiKey, apiVersion);
  const clientId = headerVersion >= 1 ? r.nullableString() : null;
  if (headerVersion >= 2) r.taggedFields();
  return { apiKey, apiVersion, correlationId, clientId, headerVersion, bodyOffset: r.pos };
}

function tableFor(apiKey: number, apiVersion: number) {
  const t = apiTable(apiKey);
  if (!t) throw new UnsupportedVersionError(apiKey, apiVersion, `API key ${apiKey} is not supported`);
  return t;
}

/**
 * Decodes a request body from `bodyOffset` (see decodeRequestHeader). Throws
 * UnsupportedVersionError for a version outside the table and ProtocolError for malformed bytes.
 * Bytes after the body are ignored, as Kafka's request parsing does.
 */
export function decodeRequest<K extends SupportedApiKey>(apiKey: K, apiVersion: number, frame: Buffer, bodyOffset: number): RequestOf<K> {
  const t = tableFor(apiKey, apiVersion);
  return decodeMessage(t.request, apiVersion, new Reader(frame, bodyOffset)) as RequestOf<K>;
}

/** A whole request, 4-byte size prefix included (for the project's own client). */
export function encodeRequest<K extends SupportedApiKey>(
  apiKey: K,
  apiVersion: number,
  correlationId: number,
  clientId: string | null,
  body: RequestInputOf<K>,
): Buffer {
  return encodeRequestChunks(apiKey, apiVersion, correlationId, clientId, body).finish();
}

function encodeRequestChunks<K extends SupportedApiKey>(
  apiKey: K,
  apiVersion: number,
  correlationId: number,
  clientId: string | null,
  body: RequestInputOf<K>,
): Writer {
  const t = tableFor(apiKey, apiVersion);
  const headerVersion = requestHeaderVersion(apiKey, apiVersion);
  const w = new Writer({ sizePrefix: true });
  w.int16(apiKey).int16(apiVersion).int32(correlationId);
  if (headerVersion >= 1) w.nullableString(clientId);
  if (headerVersion >= 2) w.uvarint(0);
  encodeMessage(t.request, apiVersion, body as never, w);
  return w;
}

function responseWriter<K extends SupportedApiKey>(apiKey: K, apiVersion: number, correlationId: number, body: ResponseInputOf<K>): Writer {
  const t = tableFor(apiKey, apiVersion);
  const w = new Writer({ sizePrefix: true });
  w.int32(correlationId);
  if (responseHeaderVersion(apiKey, apiVersion) >= 1) w.uvarint(0);
  encodeMessage(t.response, apiVersion, body as never, w);
  return w;
}

/** A whole response, 4-byte size prefix included. */
export function encodeResponse<K extends SupportedApiKey>(apiKey: K, apiVersion: number, correlationId: number, body: ResponseInputOf<K>): Buffer {
  return responseWriter(apiKey, apiVersion, correlationId, body).finish();
}

/**
 * The same as encodeResponse, as chunks for socket.writev / cork+write: record sets stay the
 * Buffers the caller passed, never copied.
 */
export function encodeResponseChunks<K extends SupportedApiKey>(apiKey: K, apiVersion: number, correlationId: number, body: ResponseInputOf<K>): Buffer[] {
  return responseWriter(apiKey, apiVersion, correlationId, body).chunksOut();
}

/** Reads a response frame (after the size prefix). */
/** `exact`: bytes left after the body are an error (a response encoded in another layout than its version's). */
export function decodeResponse<K extends SupportedApiKey>(apiKey: K, apiVersion: number, frame: Buffer, options: { exact?: boolean } = {}): { correlationId: number; body: ResponseOf<K> } {
  const t = tableFor(apiKey, apiVersion);
  const r = new Reader(frame);
  const correlationId = r.int32();
  if (responseHeaderVersion(apiKey, apiVersion) >= 1) r.taggedFields();
  const body = decodeMessage(t.response, apiVersion, r) as ResponseOf<K>;
  if (options.exact && r.remaining !== 0) throw new ProtocolError(`${t.response.name} v${apiVersion}: ${r.remaining} bytes left after the response`);
  return { correlationId, body };
}

/** The correlation id of a response frame, to route it before knowing its API. */
export function peekCorrelationId(frame: Buffer): number {
  if (frame.length < 4) throw new ProtocolError(`response frame of ${frame.length} bytes has no correlation id`);
  return frame.readInt32BE(0);
}

export interface ApiVersionRange {
  apiKey: number;
  minVersion: number;
  maxVersion: number;
}

/**
 * The reply to an ApiVersions request whose version we do not know (KIP-511): a v0 body with
 * UNSUPPORTED_VERSION and our ranges, so the client can retry with a version we speak. Always
 * header v0, whatever version was asked.
 */
export function encodeApiVersionsFallback(correlationId: number, apiKeys: readonly ApiVersionRange[]): Buffer {
  return encodeResponse(ApiKey.ApiVersions, 0, correlationId, { errorCode: UNSUPPORTED_VERSION, apiKeys: [...apiKeys] });
}

/** The ranges of every API this codec implements, as an ApiVersions response lists them. */
export function supportedApiVersions(): ApiVersionRange[] {
  return Object.values(API_TABLES).map((t) => ({ apiKey: t.apiKey, minVersion: t.validVersions.min, maxVersion: t.validVersions.max }));
}
