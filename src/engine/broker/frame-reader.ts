/**
 * Splits a TCP byte stream into Kafka frames (int32 size + payload) without concatenating every
 * chunk: chunks are kept in a list and a frame is copied out once, when it is complete.
 */
export class FrameTooLargeError extends Error {}

export class FrameReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private expected = -1;

  constructor(private readonly maxFrameBytes: number) {}

  /** Feeds bytes; returns the frames completed by them (payload only, without the size prefix). */
  push(chunk: Buffer): Buffer[] {
    if (chunk.length > 0) this.chunks.push(chunk);
    this.buffered += chunk.length;
    const frames: Buffer[] = [];
    for (;;) {
      if (this.expected < 0) {
        if (this.buffered < 4) break;
        const size = this.take(4).readInt32BE(0);
        // Kafka closes the connection on a negative size or one above socket.request.max.bytes:
        // nothing sensible can follow, and allocating it would let one client exhaust memory.
        if (size < 0 || size > this.maxFrameBytes) {
          throw new FrameTooLargeError(
            size < 0
              ? `negative request size ${size}`
              : `request size ${size} is larger than socket.request.max.bytes (${this.maxFrameBytes})`,
          );
        }
        this.expected = size;
      }
      if (this.buffered < this.expected) break;
      frames.push(this.take(this.expected));
      this.expected = -1;
    }
    return frames;
  }

  /** Bytes of an incomplete frame still held (a truncated request when the peer closes). */
  get pendingBytes(): number {
    return this.buffered;
  }

  private take(n: number): Buffer {
    if (n === 0) return Buffer.alloc(0);
    const first = this.chunks[0];
    if (first.length >= n) {
      const out = first.subarray(0, n);
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
      this.buffered -= n;
      return out;
    }
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      const head = this.chunks[0];
      const part = Math.min(head.length, n - filled);
      head.copy(out, filled, 0, part);
      filled += part;
      if (part === head.length) this.chunks.shift();
      else this.chunks[0] = head.subarray(part);
    }
    this.buffered -= n;
    return out;
  }
}
