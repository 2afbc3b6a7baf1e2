import type { Socket } from 'node:net';

/**
 * The data path of one TCP connection, as the broker's socket server and the project's client use
 * it. The plain link is the socket itself; the fault wrapper (faulty-socket.ts) holds, delays or
 * resets data per the broker's fault table. Everything else (close, error, drain) stays on the socket.
 */
export interface SocketLink {
  readonly socket: Socket;
  /** The one consumer of inbound data; data that arrived before it is set is kept for it. */
  onData(listener: (chunk: Buffer) => void): void;
  /** Like Socket.write: false asks the writer to wait for 'drain'. */
  write(chunk: Uint8Array, callback?: (err?: Error | null) => void): boolean;
  /** Backpressure from the connection's owner; independent of any fault hold. */
  pauseReading(): void;
  resumeReading(): void;
  readonly readingPaused: boolean;
}

/** Wraps sockets as they are accepted or dialled: the place faults enter (DESIGN decision 7). */
export interface SocketHook {
  accepted(socket: Socket): SocketLink;
  dialled(socket: Socket, port: number): SocketLink;
}

class PlainLink implements SocketLink {
  private paused = false;

  constructor(readonly socket: Socket) {}

  onData(listener: (chunk: Buffer) => void): void {
    this.socket.on('data', listener);
  }

  write(chunk: Uint8Array, callback?: (err?: Error | null) => void): boolean {
    return this.socket.write(chunk, callback);
  }

  pauseReading(): void {
    this.paused = true;
    this.socket.pause();
  }

  resumeReading(): void {
    this.paused = false;
    this.socket.resume();
  }

  get readingPaused(): boolean {
    return this.paused;
  }
}

export function plainLink(socket: Socket): SocketLink {
  return new PlainLink(socket);
}

export const PLAIN_SOCKETS: SocketHook = {
  accepted: plainLink,
  dialled: (socket) => plainLink(socket),
};
