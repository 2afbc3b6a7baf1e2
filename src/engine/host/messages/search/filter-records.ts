// How records cross into the sandbox: each as { key, value, headers, partition, offset, timestamp }
// with the key and value decoded by the search's decoders (JSON as objects, text as strings) and
// headers as { name: text }, a batch serialized once as one JSON text. Fields the filter's text
// never names are not decoded at all.
import type { DecoderSpec } from '../../../../shared/messages-types';
import type { DecodeContext, FieldDecoder } from '../decoders/field-decoder';
import type { CursorEntry } from '../partition-cursor';
import type { RecordDecoders } from '../record-view';

export interface FilterNeeds {
  key: boolean;
  value: boolean;
  headers: boolean;
}

/** The fields a filter's source mentions by name (a filter cannot reach a field it does not name). */
export function filterNeeds(source: string): FilterNeeds {
  return { key: /\bkey\b/.test(source), value: /\bvalue\b/.test(source), headers: /\bheaders\b/.test(source) };
}

function jsonLike(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
    return c === 0x7b || c === 0x5b;
  }
  return false;
}

function decodeForFilter(bytes: Buffer | null, spec: DecoderSpec, decoder: FieldDecoder, ctx: DecodeContext): unknown {
  if (bytes === null) return null;
  const plain = !spec.confluent && (spec.kind === 'auto' || spec.kind === 'json' || spec.kind === 'utf8');
  if (plain) {
    // The fast path for the common case: text, or JSON parsed by V8 before it crosses.
    const text = bytes.toString('utf8');
    if (spec.kind === 'utf8') return text;
    if (jsonLike(text)) {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        // not JSON after all: the decoder decides below (auto) or it stays text (json)
      }
    }
    if (spec.kind === 'json') return text;
  }
  try {
    const form = decoder(bytes, ctx);
    return form.tree !== undefined ? form.tree : form.text;
  } catch {
    return bytes.toString('hex');
  }
}

export interface FilterRecordContext {
  topic: string;
  decoders: RecordDecoders;
  specs: { key: DecoderSpec; value: DecoderSpec };
  needs: FilterNeeds;
}

export function filterRecordsJson(entries: readonly CursorEntry[], partition: number, ctx: FilterRecordContext): string {
  const out = new Array<unknown>(entries.length);
  for (let i = 0; i < entries.length; i++) {
    const r = entries[i]!.record;
    const dctx: DecodeContext = { topic: ctx.topic, role: 'key', key: r.key };
    let headers: Record<string, string | null> | null = null;
    if (ctx.needs.headers) {
      headers = {};
      for (const h of r.headers) headers[h.key] = h.value === null ? null : h.value.toString('utf8');
    }
    out[i] = {
      key: ctx.needs.key ? decodeForFilter(r.key, ctx.specs.key, ctx.decoders.key, dctx) : null,
      value: ctx.needs.value ? decodeForFilter(r.value, ctx.specs.value, ctx.decoders.value, { ...dctx, role: 'value' }) : null,
      headers,
      partition,
      offset: r.offset,
      timestamp: r.timestamp,
    };
  }
  return JSON.stringify(out);
}
