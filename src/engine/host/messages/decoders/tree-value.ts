// Decoded values as JSON the contract can carry: bytes become { $bytes: base64 }, 64-bit integers
// strings (JavaScript numbers would round them), Maps objects. Depth is bounded so a hostile
// MessagePack or Protobuf value cannot blow the stack of the engine host.
const MAX_DEPTH = 64;

export function toTree(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (depth >= MAX_DEPTH) return '…';
  if (value instanceof Uint8Array) return { $bytes: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => toTree(v, depth + 1));
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value) out[typeof k === 'string' ? k : JSON.stringify(toTree(k, depth + 1))] = toTree(v, depth + 1);
    return out;
  }
  if (typeof value === 'object') {
    // Long-like values (protobufjs without the longs option, avsc's LongType wrappers).
    const maybeLong = value as { low?: unknown; high?: unknown; unsigned?: unknown; toString?: () => string };
    if (typeof maybeLong.low === 'number' && typeof maybeLong.high === 'number' && typeof maybeLong.unsigned === 'boolean') return String(value);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toTree(v, depth + 1);
    return out;
  }
  return String(value);
}

export function treeText(tree: unknown): string {
  return JSON.stringify(tree, null, 2);
}
