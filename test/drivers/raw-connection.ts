// A bare TCP connection to a broker for tests that send bytes no client would: it writes what it
// is given and reads whole response frames, and tells when the broker closed the connection.
import net from 'node:net';
import { FrameSplitter } from '../../src/engine/protocol/framing';

export class RawConnection {
  private readonly frames: Buffer[] = [];
  private waiting: (() => void) | null = null;
  private closedFlag = false;
  private readonly splitter = new FrameSplitter();

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      for (const frame of this.splitter.push(chunk)) this.frames.push(frame);
      this.waiting?.();
    });
    socket.on('close', () => {
      this.closedFlag = true;
      this.waiting?.();
    });
    socket.on('error', () => undefined);
  }

  static connect(hostPort: string): Promise<RawConnection> {
    const [host, port] = [hostPort.slice(0, hostPort.lastIndexOf(':')), Number(hostPort.slice(hostPort.lastIndexOf(':') + 1))];
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port }, () => {
        socket.off('error', reject);
        resolve(new RawConnection(socket));
      });
      socket.once('error', reject);
    });
  }

  write(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  /** The next response frame (without its size prefix), or null when the broker closed first. */
  async nextFrame(timeoutMs = 5000): Promise<Buffer | null> {
    const deadline = Date.now() + timeoutMs;
    while (this.frames.length === 0 && !this.closedFlag) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no response within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiting = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.waiting = null;
    }
    return this.frames.shift() ?? null;
  }

  /** Resolves true once the broker has closed the connection (false after the timeout). */
  async closedByPeer(timeoutMs = 5000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closedFlag && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    return this.closedFlag;
  }

  close(): void {
    this.socket.destroy();
  }
}

/** A frame: int32 size then the payload. */
export function frame(payload: Buffer): Buffer {
  const size = Buffer.alloc(4);
  size.writeInt32BE(payload.length);
  return Buffer.concat([size, payload]);
}
