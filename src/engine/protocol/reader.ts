import { ProtocolError } from './protocol-error';

const UUID_SIZE = 16;

/**
 * A cursor over a Buffer reading Kafka's primitive types. Every read checks the remaining bytes
 * first, so truncated or lying input ends in a ProtocolError rather than a RangeError or a value
 * read from past the frame.
 */
export class Reader {
  pos: number;
  readonly end: number;

  constructor(
    readonly buf: Buffer,
    offset = 0,
    end = buf.length,
  ) {
    if (offset < 0 || end > buf.length || offset > end) {
      throw new ProtocolError(`reader bounds [${offset}, ${end}) outside a buffer of ${buf.length} bytes`);
    }
    this.pos = offset;
    this.end = end;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  private need(n: number, what: string): number {
    const at = this.pos;
    if (at + n > this.end) {
      throw new ProtocolError(`truncated input: ${what} needs ${n} bytes at offset ${at}, only ${this.end - at} remain`);
    }
    this.pos = at + n;
    return at;
  }

  int8(): number {
    return this.buf.readInt8(this.need(1, 'int8'));
  }
  uint8(): number {
    return this.buf[this.need(1, 'uint8')];
  }
  int16(): number {
    return this.buf.readInt16BE(this.need(2, 'int16'));
  }
  uint16(): number {
    return this.buf.readUInt16BE(this.need(2, 'uint16'));
  }
  int32(): number {
    return this.buf.readInt32BE(this.need(4, 'int32'));
  }
  uint32(): number {
    return this.buf.readUInt32BE(this.need(4, 'uint32'));
  }
  int64(): bigint {
    return this.buf.readBigInt64BE(this.need(8, 'int64'));
  }
  float64(): number {
    return this.buf.readDoubleBE(this.need(8, 'float64'));
  }
  bool(): boolean {
    return this.buf[this.need(1, 'boolean')] !== 0;
  }

  /** Unsigned LEB128 varint of at most 5 bytes, as an unsigned 32-bit number. */
  uvarint(): number {
    let result = 0;
    let shift = 0;
    for (let i = 0; i < 5; i++) {
      const b = this.buf[this.need(1, 'varint')];
      if (i === 4 && b > 0x0f) throw new ProtocolError(`varint at offset ${this.pos - 5} is longer than 32 bits`);
      result |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result >>> 0;
      shift += 7;
    }
    throw new ProtocolError(`varint at offset ${this.pos - 5} is longer than 5 bytes`);
  }

  /** Zigzag-encoded signed 32-bit varint (record fields). */
  varint(): number {
    const n = this.uvarint();
    return (n >>> 1) ^ -(n & 1);
  }

  /** Unsigned varint of at most 10 bytes, as a bigint. */
  uvarlong(): bigint {
    let result = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      const b = this.buf[this.need(1, 'varlong')];
      if (i === 9 && b > 0x01) throw new ProtocolError(`varlong at offset ${this.pos - 10} is longer than 64 bits`);
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
    }
    throw new ProtocolError(`varlong at offset ${this.pos - 10} is longer than 10 bytes`);
  }

  /** Zigzag-encoded signed 64-bit varint (record timestamps and offsets deltas). */
  varlong(): bigint {
    const n = this.uvarlong();
    return BigInt.asIntN(64, (n >> 1n) ^ -(n & 1n));
  }

  /** Zero-copy view of the next n bytes. */
  slice(n: number, what = 'bytes'): Buffer {
    if (n < 0) throw new ProtocolError(`negative ${what} length ${n} at offset ${this.pos}`);
    if (n > this.end - this.pos) {
      throw new ProtocolError(`${what} length ${n} at offset ${this.pos} exceeds the ${this.end - this.pos} bytes remaining`);
    }
    const at = this.pos;
    this.pos = at + n;
    return this.buf.subarray(at, at + n);
  }

  skip(n: number): void {
    this.slice(n, 'skipped field');
  }

  private text(n: number): string {
    const b = this.slice(n, 'string');
    return b.toString('utf8');
  }

  /** INT16 length, -1 = null. */
  nullableString(): string | null {
    const n = this.int16();
    if (n === -1) return null;
    if (n < -1) throw new ProtocolError(`negative string length ${n} at offset ${this.pos - 2}`);
    return this.text(n);
  }
  string(): string {
    const s = this.nullableString();
    if (s === null) throw new ProtocolError(`non-nullable string was null at offset ${this.pos - 2}`);
    return s;
  }
  /** UNSIGNED_VARINT length + 1, 0 = null. */
  compactNullableString(): string | null {
    const n = this.uvarint();
    if (n === 0) return null;
    if (n - 1 > 0x7fff) throw new ProtocolError(`string length ${n - 1} is longer than 32767 bytes`);
    return this.text(n - 1);
  }
  compactString(): string {
    const at = this.pos;
    const s = this.compactNullableString();
    if (s === null) throw new ProtocolError(`non-nullable compact string was null at offset ${at}`);
    return s;
  }

  /** INT32 length, -1 = null. Zero-copy. */
  nullableBytes(): Buffer | null {
    const n = this.int32();
    if (n === -1) return null;
    return this.slice(n);
  }
  bytes(): Buffer {
    const b = this.nullableBytes();
    if (b === null) throw new ProtocolError(`non-nullable bytes were null at offset ${this.pos - 4}`);
    return b;
  }
  compactNullableBytes(): Buffer | null {
    const n = this.uvarint();
    if (n === 0) return null;
    return this.slice(n - 1);
  }
  compactBytes(): Buffer {
    const at = this.pos;
    const b = this.compactNullableBytes();
    if (b === null) throw new ProtocolError(`non-nullable compact bytes were null at offset ${at}`);
    return b;
  }

  /** A UUID in Kafka's display form: URL-safe base64 without padding (22 characters). */
  uuid(): string {
    const at = this.need(UUID_SIZE, 'uuid');
    return this.buf.toString('base64url', at, at + UUID_SIZE);
  }

  /**
   * INT32 element count, -1 = null. Each element takes at least one byte in practice, and Kafka
   * itself rejects a count larger than the bytes left, so a forged count cannot make us allocate.
   */
  arrayLength(): number | null {
    const n = this.int32();
    if (n === -1) return null;
    return this.checkCount(n, this.pos - 4);
  }
  compactArrayLength(): number | null {
    const at = this.pos;
    const n = this.uvarint();
    if (n === 0) return null;
    return this.checkCount(n - 1, at);
  }
  private checkCount(n: number, at: number): number {
    if (n < 0) throw new ProtocolError(`negative array length ${n} at offset ${at}`);
    if (n > this.end - this.pos) {
      throw new ProtocolError(`array of ${n} elements at offset ${at} cannot fit in the ${this.end - this.pos} bytes remaining`);
    }
    return n;
  }

  /**
   * Reads a tagged-field section. `onTag` gets a Reader bounded to each field's bytes; whatever it
   * does not read (unknown tags) is skipped, as Kafka keeps unknown tags opaque.
   */
  taggedFields(onTag?: (tag: number, field: Reader) => void): void {
    const count = this.uvarint();
    for (let i = 0; i < count; i++) {
      const tag = this.uvarint();
      const size = this.uvarint();
      const body = this.slice(size, 'tagged field');
      if (onTag) onTag(tag, new Reader(body));
    }
  }
}
