import { snappyCodec } from './native-codecs';
import { CompressionFormatError, DecompressionLimitError } from './compression-errors';

/**
 * Kafka's snappy payloads come in two shapes. librdkafka and kafkajs send one raw snappy block.
 * The Java client writes snappy-java's (xerial) stream: an 8-byte magic, two int32 version fields,
 * then blocks of `int32 length, raw snappy block`. Readers tell them apart by the magic, which cannot
 * start a raw block (its third byte would be a back-reference before any literal).
 */
export const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
export const XERIAL_HEADER_SIZE = 16;
const XERIAL_VERSION = 1;
const XERIAL_COMPATIBLE_VERSION = 1;
/** snappy-java's default block size; the Java producer uses it. */
export const XERIAL_BLOCK_SIZE = 32 * 1024;

export type SnappyFraming = 'raw' | 'xerial';

export function isXerialFramed(data: Buffer): boolean {
  return data.length >= XERIAL_MAGIC.length && data.subarray(0, XERIAL_MAGIC.length).equals(XERIAL_MAGIC);
}

export function snappyCompressSync(data: Buffer, framing: SnappyFraming = 'raw'): Buffer {
  if (framing === 'raw') return snappyCodec().compressSync(data);
  const parts: Buffer[] = [xerialHeader()];
  for (let pos = 0; pos < data.length; pos += XERIAL_BLOCK_SIZE) {
    const block = snappyCodec().compressSync(data.subarray(pos, Math.min(data.length, pos + XERIAL_BLOCK_SIZE)));
    parts.push(int32(block.length), block);
  }
  return Buffer.concat(parts);
}

export async function snappyCompress(data: Buffer, framing: SnappyFraming = 'raw'): Promise<Buffer> {
  if (framing === 'xerial') return snappyCompressSync(data, 'xerial');
  return snappyCodec().compress(data);
}

export function snappyDecompressSync(data: Buffer, maxBytes: number): Buffer {
  const blocks = planBlocks(data, maxBytes);
  const out = blocks.map((b) => rawUncompressSync(b));
  return out.length === 1 ? out[0] : Buffer.concat(out);
}

export async function snappyDecompress(data: Buffer, maxBytes: number): Promise<Buffer> {
  const blocks = planBlocks(data, maxBytes);
  const out: Buffer[] = [];
  for (const b of blocks) out.push(await rawUncompress(b));
  return out.length === 1 ? out[0] : Buffer.concat(out);
}

/**
 * Splits the payload into raw blocks and checks the sum of their declared lengths against the cap
 * before anything is inflated: each raw block starts with its uncompressed length.
 */
function planBlocks(data: Buffer, maxBytes: number): Buffer[] {
  const blocks: Buffer[] = [];
  if (!isXerialFramed(data)) {
    blocks.push(data);
  } else {
    if (data.length < XERIAL_HEADER_SIZE) throw new CompressionFormatError('xerial snappy header is truncated');
    for (let pos = XERIAL_HEADER_SIZE; pos < data.length; ) {
      if (pos + 4 > data.length) throw new CompressionFormatError(`xerial snappy block length truncated at byte ${pos}`);
      const len = data.readInt32BE(pos);
      pos += 4;
      if (len < 0 || pos + len > data.length) {
        throw new CompressionFormatError(`xerial snappy block at byte ${pos - 4} claims ${len} bytes, ${data.length - pos} remain`);
      }
      blocks.push(data.subarray(pos, pos + len));
      pos += len;
    }
  }
  let total = 0;
  for (const b of blocks) total += rawUncompressedLength(b);
  if (total > maxBytes) throw new DecompressionLimitError(maxBytes, total, 'snappy');
  return blocks;
}

/** The unsigned varint preamble of a raw snappy block. */
export function rawUncompressedLength(block: Buffer): number {
  let value = 0;
  for (let i = 0, shift = 0; i < 5; i++, shift += 7) {
    if (i >= block.length) break;
    const b = block[i];
    value += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return value;
  }
  throw new CompressionFormatError('raw snappy block has no valid length preamble');
}

function rawUncompressSync(block: Buffer): Buffer {
  try {
    return snappyCodec().uncompressSync(block, { asBuffer: true }) as Buffer;
  } catch (err) {
    throw new CompressionFormatError(`invalid snappy block: ${(err as Error).message}`);
  }
}

async function rawUncompress(block: Buffer): Promise<Buffer> {
  try {
    return (await snappyCodec().uncompress(block, { asBuffer: true })) as Buffer;
  } catch (err) {
    throw new CompressionFormatError(`invalid snappy block: ${(err as Error).message}`);
  }
}

function xerialHeader(): Buffer {
  const header = Buffer.alloc(XERIAL_HEADER_SIZE);
  XERIAL_MAGIC.copy(header, 0);
  header.writeInt32BE(XERIAL_VERSION, 8);
  header.writeInt32BE(XERIAL_COMPATIBLE_VERSION, 12);
  return header;
}

function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n, 0);
  return b;
}
