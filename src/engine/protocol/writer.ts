import { ProtocolError } from './protocol-error';

const INITIAL_CAPACITY = 512;
const MAX_SCRATCH = 1 << 20;
/** Buffers at least this large are kept by reference instead of copied into the scratch space. */
const BY_REFERENCE_THRESHOLD = 1024;
const ZERO_UUID = Buffer.alloc(16);

/**
 * Builds a message as a list of chunks: small values go into a scratch buffer that grows
 * geometrically, large Buffers (record sets) are kept by reference, so a record set is copied
 * once at most — in `finish()`, or never when the caller writes the chunks with writev.
 */
export class Writer {
  private chunks: Buffer[] = [];
  private scratch: Buffer;
  private start = 0;
  private pos = 0;
  private flushedBytes = 0;
  private readonly sizePrefixed: boolean;

  /** With `sizePrefix`, the first 4 bytes hold the length of what follows, filled in by finish(). */
  constructor(options: { sizePrefix?: boolean; capacity?: number } = {}) {
    this.scratch = Buffer.allocUnsafe(options.capacity ?? INITIAL_CAPACITY);
    this.sizePrefixed = options.sizePrefix ?? false;
    if (this.sizePrefixed) this.int32(0);
  }

  /** Bytes written so far. */
  get length(): number {
    return this.flushedBytes + (this.pos - this.start);
  }

  private flushScratch(): void {
    if (this.pos > this.start) {
      this.chunks.push(this.scratch.subarray(this.start, this.pos));
      this.flushedBytes += this.pos - this.start;
      this.start = this.pos;
    }
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.scratch.length) return;
    this.flushScratch();
    const size = Math.max(n, Math.min(this.scratch.length * 2, MAX_SCRATCH));
    this.scratch = Buffer.allocUnsafe(size);
    this.start = 0;
    this.pos = 0;
  }

  int8(v: number): this {
    this.ensure(1);
    this.scratch.writeInt8(v, this.pos);
    this.pos += 1;
    return this;
  }
  uint8(v: number): this {
    this.ensure(1);
    this.scratch[this.pos++] = v & 0xff;
    return this;
  }
  int16(v: number): this {
    this.ensure(2);
    this.pos = this.scratch.writeInt16BE(v, this.pos);
    return this;
  }
  uint16(v: number): this {
    this.ensure(2);
    this.pos = this.scratch.writeUInt16BE(v, this.pos);
    return this;
  }
  int32(v: number): this {
    this.ensure(4);
    this.pos = this.scratch.writeInt32BE(v, this.pos);
    return this;
  }
  uint32(v: number): this {
    this.ensure(4);
    this.pos = this.scratch.writeUInt32BE(v, this.pos);
    return this;
  }
  int64(v: bigint): this {
    this.ensure(8);
    this.pos = this.scratch.writeBigInt64BE(v, this.pos);
    return this;
  }
  float64(v: number): this {
    this.ensure(8);
    this.pos = this.scratch.writeDoubleBE(v, this.pos);
    return this;
  }
  bool(v: boolean): this {
    return this.uint8(v ? 1 : 0);
  }

  uvarint(v: number): this {
    if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) throw new ProtocolError(`unsigned varint out of range: ${v}`);
    this.ensure(5);
    let n = v;
    while (n >= 0x80) {
      this.scratch[this.pos++] = (n & 0x7f) | 0x80;
      n = Math.floor(n / 128);
    }
    this.scratch[this.pos++] = n;
    return this;
  }
  varint(v: number): this {
    return this.uvarint(((v << 1) ^ (v >> 31)) >>> 0);
  }
  uvarlong(v: bigint): this {
    this.ensure(10);
    let n = BigInt.asUintN(64, v);
    while (n >= 0x80n) {
      this.scratch[this.pos++] = Number(n & 0x7fn) | 0x80;
      n >>= 7n;
    }
    this.scratch[this.pos++] = Number(n);
    return this;
  }
  varlong(v: bigint): this {
    const n = BigInt.asIntN(64, v);
    return this.uvarlong(BigInt.asUintN(64, (n << 1n) ^ (n >> 63n)));
  }

  /** Appends raw bytes; large buffers are referenced, not copied. */
  raw(b: Uint8Array): this {
    if (b.length >= BY_REFERENCE_THRESHOLD) {
      this.flushScratch();
      this.chunks.push(Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength));
      this.flushedBytes += b.length;
      return this;
    }
    this.ensure(b.length);
    this.scratch.set(b, this.pos);
    this.pos += b.length;
    return this;
  }

  private utf8(s: string, len: number): void {
    this.ensure(len);
    this.pos += this.scratch.write(s, this.pos, len, 'utf8');
  }

  nullableString(s: string | null): this {
    if (s === null) return this.int16(-1);
    const len = Buffer.byteLength(s, 'utf8');
    if (len > 0x7fff) throw new ProtocolError(`string of ${len} bytes is longer than 32767`);
    this.int16(len);
    this.utf8(s, len);
    return this;
  }
  string(s: string): this {
    return this.nullableString(s);
  }
  compactNullableString(s: string | null): this {
    if (s === null) return this.uvarint(0);
    const len = Buffer.byteLength(s, 'utf8');
    if (len > 0x7fff) throw new ProtocolError(`string of ${len} bytes is longer than 32767`);
    this.uvarint(len + 1);
    this.utf8(s, len);
    return this;
  }
  compactString(s: string): this {
    return this.compactNullableString(s);
  }

  nullableBytes(b: Uint8Array | null): this {
    if (b === null) return this.int32(-1);
    this.int32(b.length);
    return this.raw(b);
  }
  bytes(b: Uint8Array): this {
    return this.nullableBytes(b);
  }
  compactNullableBytes(b: Uint8Array | null): this {
    if (b === null) return this.uvarint(0);
    this.uvarint(b.length + 1);
    return this.raw(b);
  }
  compactBytes(b: Uint8Array): this {
    return this.compactNullableBytes(b);
  }

  /** A UUID given in Kafka's display form (22 characters of URL-safe base64). */
  uuid(s: string): this {
    const b = s.length === 22 ? Buffer.from(s, 'base64url') : ZERO_UUID;
    if (b.length !== 16 || b.toString('base64url') !== s) throw new ProtocolError(`invalid UUID ${JSON.stringify(s)}`);
    return this.raw(b);
  }

  arrayLength(n: number | null): this {
    return this.int32(n === null ? -1 : n);
  }
  compactArrayLength(n: number | null): this {
    return this.uvarint(n === null ? 0 : n + 1);
  }

  /** The message as chunks, in order; with a size prefix the first chunk starts with it. */
  chunksOut(): Buffer[] {
    this.flushScratch();
    if (this.sizePrefixed) this.chunks[0].writeInt32BE(this.flushedBytes - 4, 0);
    return this.chunks;
  }

  /** The message as one Buffer (copying only when it spans several chunks). */
  finish(): Buffer {
    const chunks = this.chunksOut();
    if (chunks.length === 1) return chunks[0];
    return Buffer.concat(chunks, this.flushedBytes);
  }
}
