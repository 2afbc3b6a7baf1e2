// The Confluent wire format: magic byte 0, a big-endian 4-byte schema id, then (Protobuf only) the
// message indexes — a zigzag varint count and that many zigzag varints, where a lone 0 stands for
// [0], the first message of the file — then the payload. Confluent's serializers write it; we read
// the framing and leave the registry out (the schema comes from a local file).
import { DecodeError } from './plain-decoders';

export interface ConfluentFrame {
  schemaId: number;
  messageIndexes?: number[];
  payload: Buffer;
}

/** Whether bytes look framed: magic 0, a positive schema id and a payload after it. */
export function looksConfluent(bytes: Buffer): boolean {
  return bytes.length > 5 && bytes[0] === 0 && bytes.readInt32BE(1) > 0;
}

export function readConfluentFrame(bytes: Buffer, protobuf: boolean): ConfluentFrame {
  if (bytes.length < 5) throw new DecodeError(`not in the Confluent wire format: ${bytes.length} bytes, fewer than the 5 of its header`);
  if (bytes[0] !== 0) throw new DecodeError(`not in the Confluent wire format: magic byte ${bytes[0]}, expected 0`);
  const schemaId = bytes.readInt32BE(1);
  if (!protobuf) return { schemaId, payload: bytes.subarray(5) };
  let pos = 5;
  const next = (): number => {
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (pos >= bytes.length) throw new DecodeError('the Confluent message indexes end early');
      const b = bytes[pos++]!;
      result |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) return (result >>> 1) ^ -(result & 1);
    }
    throw new DecodeError('a Confluent message index varint is longer than 5 bytes');
  };
  const count = next();
  if (count < 0 || count > 1024) throw new DecodeError(`the Confluent message index count ${count} is not plausible`);
  const messageIndexes = count === 0 ? [0] : Array.from({ length: count }, next);
  return { schemaId, messageIndexes, payload: bytes.subarray(pos) };
}

function zigzagVarint(n: number): number[] {
  let v = ((n << 1) ^ (n >> 31)) >>> 0;
  const out: number[] = [];
  while (v > 0x7f) {
    out.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  out.push(v);
  return out;
}

/** Frames a payload as Confluent's serializers do (indexes only for Protobuf; [0] as the single byte 0). */
export function writeConfluentFrame(schemaId: number, payload: Buffer, messageIndexes?: number[]): Buffer {
  const header = Buffer.alloc(5);
  header.writeInt32BE(schemaId, 1);
  if (!messageIndexes) return Buffer.concat([header, payload]);
  const indexes = messageIndexes.length === 1 && messageIndexes[0] === 0 ? [0] : [...zigzagVarint(messageIndexes.length), ...messageIndexes.flatMap(zigzagVarint)];
  return Buffer.concat([header, Buffer.from(indexes), payload]);
}
