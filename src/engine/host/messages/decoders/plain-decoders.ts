// The decoders that need no schema: text, JSON, hex, base64, big-endian numbers. Each returns the
// decoded form or throws DecodeError with the reason, which the caller shows beside a hex fallback.
import type { DecodedField, DecoderKind } from '../../../../shared/messages-types';

export class DecodeError extends Error {
  override readonly name = 'DecodeError';
}

export type DecodedForm = Pick<DecodedField, 'decoder' | 'text' | 'tree' | 'schemaId' | 'messageIndexes'>;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeUtf8(bytes: Buffer): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new DecodeError('not valid UTF-8');
  }
}

export function asUtf8(bytes: Buffer): DecodedForm {
  return { decoder: 'utf8', text: decodeUtf8(bytes) };
}

export function asJson(bytes: Buffer): DecodedForm {
  const text = decodeUtf8(bytes);
  let tree: unknown;
  try {
    tree = JSON.parse(text) as unknown;
  } catch (err) {
    throw new DecodeError(`not JSON: ${(err as Error).message}`);
  }
  // JSON.parse rounds integers beyond 2^53 (Node 20 has no access to the source text): then the text
  // stays as sent, so what is shown is what was written; only the tree holds the rounded number.
  const exact = !/(^|[^\d.eE+-])-?\d{16,}/.test(text);
  return { decoder: 'json', text: exact ? JSON.stringify(tree, null, 2) : text, tree };
}

export function asHex(bytes: Buffer): DecodedForm {
  return { decoder: 'hex', text: bytes.toString('hex') };
}

export function asBase64(bytes: Buffer): DecodedForm {
  return { decoder: 'base64', text: bytes.toString('base64') };
}

function exactly(bytes: Buffer, n: number, kind: DecoderKind): void {
  if (bytes.length !== n) throw new DecodeError(`${kind} needs exactly ${n} bytes, got ${bytes.length}`);
}

export function asInt32(bytes: Buffer): DecodedForm {
  exactly(bytes, 4, 'int32');
  const n = bytes.readInt32BE(0);
  return { decoder: 'int32', text: String(n), tree: n };
}

export function asInt64(bytes: Buffer): DecodedForm {
  exactly(bytes, 8, 'int64');
  const n = bytes.readBigInt64BE(0).toString();
  return { decoder: 'int64', text: n, tree: n };
}

export function asFloat64(bytes: Buffer): DecodedForm {
  exactly(bytes, 8, 'float64');
  const n = bytes.readDoubleBE(0);
  return { decoder: 'float64', text: String(n), tree: Number.isFinite(n) ? n : String(n) };
}

/** Text a person typed: valid UTF-8 without control characters other than tab, newline, return. */
export function isPrintableText(bytes: Buffer): boolean {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text);
}
