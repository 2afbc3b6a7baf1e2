import { describe, expect, it } from 'vitest';
import { FrameReader, FrameTooLargeError } from './frame-reader';

function frame(payload: Buffer): Buffer {
  const size = Buffer.alloc(4);
  size.writeInt32BE(payload.length);
  return Buffer.concat([size, payload]);
}

describe('FrameReader', () => {
  it('reassembles frames split at every possible byte boundary', () => {
    const payloads = [Buffer.from('a'), Buffer.alloc(0), Buffer.from('hello world'), Buffer.alloc(300, 7)];
    const stream = Buffer.concat(payloads.map(frame));
    for (let cut = 0; cut <= stream.length; cut++) {
      const reader = new FrameReader(1024);
      const out = [...reader.push(stream.subarray(0, cut)), ...reader.push(stream.subarray(cut))];
      expect(out.map((b) => b.toString('hex'))).toEqual(payloads.map((b) => b.toString('hex')));
      expect(reader.pendingBytes).toBe(0);
    }
  });

  it('delivers byte-by-byte input', () => {
    const reader = new FrameReader(1024);
    const stream = Buffer.concat([frame(Buffer.from('xyz')), frame(Buffer.from('0123456789'))]);
    const out: string[] = [];
    for (const byte of stream) out.push(...reader.push(Buffer.from([byte])).map((b) => b.toString()));
    expect(out).toEqual(['xyz', '0123456789']);
  });

  it('refuses negative and oversized sizes', () => {
    const negative = Buffer.alloc(4);
    negative.writeInt32BE(-5);
    expect(() => new FrameReader(10).push(negative)).toThrow(FrameTooLargeError);
    expect(() => new FrameReader(10).push(frame(Buffer.alloc(11)))).toThrow(/socket.request.max.bytes/);
  });

  it('keeps a truncated frame pending', () => {
    const reader = new FrameReader(100);
    expect(reader.push(frame(Buffer.alloc(20)).subarray(0, 10))).toEqual([]);
    expect(reader.pendingBytes).toBe(6);
  });
});
