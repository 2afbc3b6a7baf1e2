import { describe, expect, it } from 'vitest';
import { FrameSplitter } from './framing';
import { ProtocolError } from './protocol-error';

function frame(payload: Buffer): Buffer {
  const size = Buffer.alloc(4);
  size.writeInt32BE(payload.length);
  return Buffer.concat([size, payload]);
}

describe('FrameSplitter at stream boundaries', () => {
  it('reassembles frames split at every possible byte boundary', () => {
    const payloads = [Buffer.from('a'), Buffer.alloc(0), Buffer.from('hello world'), Buffer.alloc(300, 7)];
    const stream = Buffer.concat(payloads.map(frame));
    for (let cut = 0; cut <= stream.length; cut++) {
      const splitter = new FrameSplitter(1024);
      const out = [...splitter.push(stream.subarray(0, cut)), ...splitter.push(stream.subarray(cut))];
      expect(out.map((b) => b.toString('hex'))).toEqual(payloads.map((b) => b.toString('hex')));
      expect(splitter.pendingBytes).toBe(0);
    }
  });

  it('refuses negative sizes and sizes above socket.request.max.bytes', () => {
    const negative = Buffer.alloc(4);
    negative.writeInt32BE(-5);
    expect(() => new FrameSplitter(10).push(negative)).toThrow(ProtocolError);
    expect(() => new FrameSplitter(10).push(frame(Buffer.alloc(11)))).toThrow(/socket.request.max.bytes/);
  });
});
