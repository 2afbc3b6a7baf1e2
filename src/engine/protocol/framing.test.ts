import { describe, expect, it } from 'vitest';
import { FrameSplitter } from './framing';
import { ProtocolError } from './protocol-error';

const frame = (payload: string) => {
  const p = Buffer.from(payload);
  const b = Buffer.alloc(4 + p.length);
  b.writeInt32BE(p.length, 0);
  p.copy(b, 4);
  return b;
};

describe('FrameSplitter', () => {
  it('splits frames whatever the chunk boundaries', () => {
    const stream = Buffer.concat([frame('hello'), frame(''), frame('kafka protocol')]);
    for (let size = 1; size <= stream.length; size++) {
      const s = new FrameSplitter();
      const out: string[] = [];
      for (let i = 0; i < stream.length; i += size) out.push(...s.push(stream.subarray(i, i + size)).map((f) => f.toString()));
      expect(out, `chunk size ${size}`).toEqual(['hello', '', 'kafka protocol']);
      expect(s.pendingBytes).toBe(0);
    }
  });

  it('refuses negative and oversized frame sizes', () => {
    expect(() => new FrameSplitter().push(Buffer.from('ffffffff', 'hex'))).toThrow(ProtocolError);
    expect(() => new FrameSplitter(10).push(Buffer.from('0000000b', 'hex'))).toThrow(/larger than socket.request.max.bytes/);
  });
});
