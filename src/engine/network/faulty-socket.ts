import type { Socket } from 'node:net';
import { peerOfClientId, type FaultSubject, type FaultTable, type Peer, type Verdict } from './fault-table';
import type { SocketHook, SocketLink } from './socket-link';

interface Timed {
  chunk: Buffer;
  at: number;
}

interface TimedWrite {
  chunk: Uint8Array;
  at: number;
  callback: ((err?: Error | null) => void) | undefined;
}

/** size(4) apiKey(2) apiVersion(2) correlationId(4) clientId length(2): where a request names its client. */
const CLIENT_ID_OFFSET = 12;
/** A first request that has not named its client within this many bytes is taken for a client's. */
const MAX_PREAMBLE_BYTES = 64 * 1024;

/**
 * The client id of the first request in `buf`: a string, null for a null client id, or undefined
 * while more bytes are needed. Every request header since v1 carries it as a nullable int16 string
 * (flexible headers too), so no API table is needed.
 */
export function firstRequestClientId(buf: Buffer): string | null | undefined {
  if (buf.length >= 4) {
    // Bytes that cannot be a request (a negative, tiny or huge size) name no client: let them through
    // at once, so the socket server refuses them instead of this wrapper waiting forever.
    const size = buf.readInt32BE(0);
    if (size < CLIENT_ID_OFFSET - 2 || size > MAX_PREAMBLE_BYTES) return null;
  }
  if (buf.length < CLIENT_ID_OFFSET + 2) return undefined;
  const length = buf.readInt16BE(CLIENT_ID_OFFSET);
  if (length < 0) return null;
  if (CLIENT_ID_OFFSET - 2 + length > buf.readInt32BE(0)) return null;
  const end = CLIENT_ID_OFFSET + 2 + length;
  return buf.length < end ? undefined : buf.toString('utf8', CLIENT_ID_OFFSET + 2, end);
}

/**
 * One connection under the broker's fault table. Blackhole: stop reading (the socket is paused, so
 * the peer's writes back up in TCP as in a real partition) and hold every write unsent; a heal
 * delivers what was held, as TCP's retransmission would. Reset: RST and destroy. Latency: each
 * chunk is delivered (inbound) or written (outbound) its direction's delay after it arrived,
 * keeping order. An accepted connection's peer is known from its first request's client id
 * (replica fetchers say `replica-fetcher-<id>`); until then its bytes are held back.
 */
export class FaultySocket implements SocketLink, FaultSubject {
  private listener: ((chunk: Buffer) => void) | null = null;
  private readonly inbound: Timed[] = [];
  private readonly outbound: TimedWrite[] = [];
  private preamble: Buffer | null;
  private identified: Peer | null;
  private verdict: Verdict = 'pass';
  private ownerPaused = false;
  private inTimer: NodeJS.Timeout | null = null;
  private outTimer: NodeJS.Timeout | null = null;
  private lastInAt = 0;
  private lastOutAt = 0;
  private closed = false;

  constructor(
    readonly socket: Socket,
    private readonly table: FaultTable,
    /** A dialled connection's port (its peer follows the table's port map), or 'accepted'. */
    private readonly origin: { dialledPort: number } | 'accepted',
  ) {
    this.preamble = origin === 'accepted' ? Buffer.alloc(0) : null;
    this.identified = null;
    table.register(this);
    socket.on('data', (chunk: Buffer) => this.received(chunk));
    socket.on('close', () => this.finish());
    this.faultsChanged();
  }

  get peer(): Peer | null {
    if (this.origin === 'accepted') return this.identified;
    return this.table.peerOfPort(this.origin.dialledPort);
  }

  /** The verdict in force: 'pass', 'blackhole' or 'reset'. */
  get currentVerdict(): Verdict {
    return this.verdict;
  }

  onData(listener: (chunk: Buffer) => void): void {
    this.listener = listener;
    this.pumpIn();
  }

  write(chunk: Uint8Array, callback?: (err?: Error | null) => void): boolean {
    if (this.closed) return this.socket.write(chunk, callback);
    const delay = this.table.latency.outMs;
    if (this.verdict === 'pass' && this.outbound.length === 0 && delay === 0) return this.socket.write(chunk, callback);
    this.lastOutAt = Math.max(this.lastOutAt, Date.now() + delay);
    this.outbound.push({ chunk, at: this.lastOutAt, callback });
    this.pumpOut();
    // Held or delayed bytes are ours to keep: the writer need not wait for a drain.
    return true;
  }

  pauseReading(): void {
    this.ownerPaused = true;
    this.socket.pause();
  }

  resumeReading(): void {
    this.ownerPaused = false;
    if (this.verdict === 'pass') this.socket.resume();
  }

  get readingPaused(): boolean {
    return this.ownerPaused;
  }

  faultsChanged(): void {
    if (this.closed) return;
    const peer = this.peer;
    // Before an accepted connection names its peer only isolation (everyone) can apply.
    this.verdict = peer ? this.table.verdict(peer) : (this.table.state.isolation ?? 'pass');
    if (this.verdict === 'reset') {
      this.closed = true;
      this.socket.resetAndDestroy();
      this.finish();
      return;
    }
    if (this.verdict === 'blackhole') {
      this.socket.pause();
      return;
    }
    if (!this.ownerPaused) this.socket.resume();
    this.pumpIn();
    this.pumpOut();
  }

  private received(chunk: Buffer): void {
    if (this.closed) return;
    if (this.preamble !== null) {
      const buf = Buffer.concat([this.preamble, chunk]);
      const clientId = firstRequestClientId(buf);
      if (clientId === undefined && buf.length < MAX_PREAMBLE_BYTES) {
        this.preamble = buf;
        return;
      }
      this.preamble = null;
      this.identified = peerOfClientId(clientId ?? null);
      chunk = buf;
      this.faultsChanged();
      if (this.closed) return;
    }
    this.lastInAt = Math.max(this.lastInAt, Date.now() + this.table.latency.inMs);
    this.inbound.push({ chunk, at: this.lastInAt });
    this.pumpIn();
  }

  private pumpIn(): void {
    if (this.verdict !== 'pass' || this.closed || !this.listener || this.inTimer) return;
    const now = Date.now();
    while (this.inbound.length > 0 && this.inbound[0]!.at <= now && !this.closed && this.verdict === 'pass') {
      this.listener(this.inbound.shift()!.chunk);
    }
    if (this.inbound.length > 0 && !this.closed && this.verdict === 'pass') {
      this.inTimer = setTimeout(() => {
        this.inTimer = null;
        this.pumpIn();
      }, this.inbound[0]!.at - now);
    }
  }

  private pumpOut(): void {
    if (this.verdict !== 'pass' || this.closed || this.outTimer) return;
    const now = Date.now();
    while (this.outbound.length > 0 && this.outbound[0]!.at <= now) {
      const w = this.outbound.shift()!;
      this.socket.write(w.chunk, w.callback);
    }
    if (this.outbound.length > 0) {
      this.outTimer = setTimeout(() => {
        this.outTimer = null;
        this.pumpOut();
      }, this.outbound[0]!.at - now);
    }
  }

  private finish(): void {
    this.closed = true;
    this.table.unregister(this);
    if (this.inTimer) clearTimeout(this.inTimer);
    if (this.outTimer) clearTimeout(this.outTimer);
    this.inTimer = this.outTimer = null;
    this.inbound.length = 0;
    const held = this.outbound.splice(0);
    for (const w of held) w.callback?.(new Error('the connection closed with the write still held by a network fault'));
  }
}

/** The hook a broker process installs: every accepted and dialled socket obeys `table`. */
export function faultHook(table: FaultTable): SocketHook {
  return {
    accepted: (socket) => new FaultySocket(socket, table, 'accepted'),
    dialled: (socket, port) => new FaultySocket(socket, table, { dialledPort: port }),
  };
}
