/**
 * The zig-zag varints of the record format (record-batch-v2.md §4), not the protocol's unsigned
 * varints. Varlongs are JS numbers: exact for safe integers (every real timestamp delta); values
 * beyond 2^53 (garbage) decode approximately instead of failing. Long ones go through BigInt.
 */

export class RecordsFormatError extends Error {
  override readonly name = 'RecordsFormatError';
}

/** A read position in a records area, advanced in place so that the hot path allocates nothing. */
export class RecordsCursor {
  constructor(
    readonly buf: Buffer,
    public pos: number,
    public end: number,
  ) {}

  readInt8(): number {
    if (this.pos >= this.end) throw new RecordsFormatError('record runs past its end');
    return (this.buf[this.pos++] << 24) >> 24;
  }

  readVarint(): number {
    const buf = this.buf;
    let u = 0;
    let shift = 0;
    let b: number;
    do {
      if (this.pos >= this.end) throw new RecordsFormatError('varint runs past the end of the data');
      if (shift > 28) throw new RecordsFormatError('varint is longer than 5 bytes');
      b = buf[this.pos++];
      u |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    return (u >>> 1) ^ -(u & 1);
  }

  readVarlong(): number {
    const buf = this.buf;
    const start = this.pos;
    // Fast path: deltas under 2^27 fit in four bytes and int32 arithmetic.
    let u = 0;
    let shift = 0;
    let b: number;
    do {
      if (this.pos >= this.end) throw new RecordsFormatError('varlong runs past the end of the data');
      if (shift === 28) return this.readVarlongSlow(start);
      b = buf[this.pos++];
      u |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    return (u >>> 1) ^ -(u & 1);
  }

  /** BigInt decoding for the rare long ones; exact whenever the value is a safe integer. */
  private readVarlongSlow(start: number): number {
    this.pos = start;
    let z = 0n;
    let shift = 0n;
    let b: number;
    do {
      if (this.pos >= this.end) throw new RecordsFormatError('varlong runs past the end of the data');
      if (shift > 63n) throw new RecordsFormatError('varlong is longer than 10 bytes');
      b = this.buf[this.pos++];
      z |= BigInt(b & 0x7f) << shift;
      shift += 7n;
    } while (b & 0x80);
    z = BigInt.asUintN(64, z);
    return Number((z >> 1n) ^ -(z & 1n));
  }

  /** Skips `n` bytes, checking they are there. */
  skip(n: number): void {
    if (n < 0 || this.pos + n > this.end) {
      throw new RecordsFormatError(`field of ${n} bytes runs past the end (${this.end - this.pos} remain)`);
    }
    this.pos += n;
  }
}

export function sizeOfVarint(n: number): number {
  let z = ((n << 1) ^ (n >> 31)) >>> 0;
  let size = 1;
  while (z >= 0x80) {
    z >>>= 7;
    size++;
  }
  return size;
}

export function sizeOfVarlong(n: number): number {
  if (n >= -0x40000000 && n < 0x40000000) return sizeOfVarint(n);
  let z = zigzag64(n);
  let size = 1;
  while (z >= 0x80n) {
    z >>= 7n;
    size++;
  }
  return size;
}

/** Writes `n` at `pos` and returns the position after it. */
export function writeVarint(buf: Buffer, pos: number, n: number): number {
  let z = ((n << 1) ^ (n >> 31)) >>> 0;
  while (z >= 0x80) {
    buf[pos++] = (z & 0x7f) | 0x80;
    z >>>= 7;
  }
  buf[pos++] = z;
  return pos;
}

export function writeVarlong(buf: Buffer, pos: number, n: number): number {
  if (n >= -0x40000000 && n < 0x40000000) return writeVarint(buf, pos, n);
  let z = zigzag64(n);
  while (z >= 0x80n) {
    buf[pos++] = Number(z & 0x7fn) | 0x80;
    z >>= 7n;
  }
  buf[pos++] = Number(z);
  return pos;
}

function zigzag64(n: number): bigint {
  if (!Number.isSafeInteger(n)) throw new RangeError(`varlong value ${n} is not a safe integer`);
  const b = BigInt(n);
  return BigInt.asUintN(64, (b << 1n) ^ (b >> 63n));
}
