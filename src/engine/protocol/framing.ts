import { ProtocolError } from './protocol-error';

/** Kafka's socket.request.max.bytes default. */
export const DEFAULT_MAX_FRAME_SIZE = 104_857_600;

/**
 * Splits a TCP byte stream into Kafka frames (int32 size prefix + payload). Returns payloads
 * without the prefix; a payload inside one chunk is a zero-copy view of it. A negative or
 * oversized prefix is a ProtocolError, on which the connection should be closed (as Kafka's
 * InvalidReceiveException does).
 */
export class FrameSplitter {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private frameSize = -1;

  constructor(private readonly maxFrameSize = DEFAULT_MAX_FRAME_SIZE) {}

  /** Bytes received but not yet returned as a frame. */
  get pendingBytes(): number {
    return this.buffered;
  }

  push(chunk: Buffer): Buffer[] {
    if (chunk.length > 0) {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
    }
    const frames: Buffer[] = [];
    for (;;) {
      if (this.frameSize < 0) {
        if (this.buffered < 4) break;
        const size = this.take(4).readInt32BE(0);
        if (size < 0) throw new ProtocolError(`invalid frame size ${size}`);
        if (size > this.maxFrameSize) throw new ProtocolError(`request size ${size} is larger than socket.request.max.bytes (${this.maxFrameSize})`);
        this.frameSize = size;
      }
      if (this.buffered < this.frameSize) break;
      frames.push(this.take(this.frameSize));
      this.frameSize = -1;
    }
    return frames;
  }

  private take(n: number): Buffer {
    const first = this.chunks[0];
    if (n === 0) return Buffer.alloc(0);
    let out: Buffer;
    if (first.length >= n) {
      out = first.subarray(0, n);
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
    } else {
      out = Buffer.allocUnsafe(n);
      let filled = 0;
      while (filled < n) {
        const c = this.chunks[0];
        const part = Math.min(c.length, n - filled);
        c.copy(out, filled, 0, part);
        filled += part;
        if (part === c.length) this.chunks.shift();
        else this.chunks[0] = c.subarray(part);
      }
    }
    this.buffered -= n;
    return out;
  }
}
