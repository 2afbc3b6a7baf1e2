// The network faults one broker applies to its own sockets (DESIGN decision 7). The engine host
// pushes the whole table (no deltas, so a lost or reordered update cannot leave a stale fault);
// every live socket re-evaluates its verdict when the table changes.

/** How a cut connection fails: silence (a real partition) or a TCP reset. */
export type FaultMode = 'blackhole' | 'reset';
export const FAULT_MODES: readonly FaultMode[] = ['blackhole', 'reset'];

export interface FaultTableState {
  /** Cut from everyone: clients, other brokers and the controller. */
  isolation: FaultMode | null;
  /** Added delay per direction, in ms, on every connection of the broker. */
  latency: { inMs: number; outMs: number };
  /** Brokers this broker cannot talk to (link cuts). */
  cuts: Array<{ brokerId: number; mode: FaultMode }>;
  /** Every broker's listener port: a dialled connection is told by the port it dials. */
  brokerPorts: Array<{ brokerId: number; port: number }>;
  /** The controller's listener port (-1 when unknown). */
  controllerPort: number;
}

/** Who is on the other end of a connection. */
export type Peer = { kind: 'broker'; brokerId: number } | { kind: 'controller' } | { kind: 'client' };

export type Verdict = 'pass' | FaultMode;

export const NO_FAULTS: FaultTableState = Object.freeze({
  isolation: null,
  latency: Object.freeze({ inMs: 0, outMs: 0 }),
  cuts: [],
  brokerPorts: [],
  controllerPort: -1,
}) as FaultTableState;

/** Largest latency accepted, per direction: beyond it every timeout fires anyway. */
export const MAX_LATENCY_MS = 600_000;

/** Replica fetchers name their broker in the client id (`replica-fetcher-<id>`). */
const REPLICA_FETCHER_CLIENT_ID = /^replica-fetcher-(\d+)$/;

export function peerOfClientId(clientId: string | null): Peer {
  const m = clientId === null ? null : REPLICA_FETCHER_CLIENT_ID.exec(clientId);
  return m ? { kind: 'broker', brokerId: Number(m[1]) } : { kind: 'client' };
}

/** Something whose verdict depends on the table: re-evaluated on every change. */
export interface FaultSubject {
  faultsChanged(): void;
}

export class FaultTable {
  private current: FaultTableState = NO_FAULTS;
  private readonly subjects = new Set<FaultSubject>();

  get state(): FaultTableState {
    return this.current;
  }

  get latency(): { inMs: number; outMs: number } {
    return this.current.latency;
  }

  update(state: FaultTableState): void {
    this.current = state;
    for (const s of [...this.subjects]) s.faultsChanged();
  }

  /** The peer behind a port this broker dials (127.0.0.1 only: every endpoint is on the loopback). */
  peerOfPort(port: number): Peer {
    if (port === this.current.controllerPort) return { kind: 'controller' };
    const broker = this.current.brokerPorts.find((b) => b.port === port);
    return broker ? { kind: 'broker', brokerId: broker.brokerId } : { kind: 'client' };
  }

  verdict(peer: Peer): Verdict {
    if (this.current.isolation) return this.current.isolation;
    if (peer.kind === 'broker') {
      const cut = this.current.cuts.find((c) => c.brokerId === peer.brokerId);
      if (cut) return cut.mode;
    }
    return 'pass';
  }

  /** Whether any connection could be cut before its peer is known (an accepted socket before its first request). */
  get cutsAnyone(): boolean {
    return this.current.isolation !== null || this.current.cuts.length > 0;
  }

  register(subject: FaultSubject): void {
    this.subjects.add(subject);
  }

  unregister(subject: FaultSubject): void {
    this.subjects.delete(subject);
  }

  get liveSockets(): number {
    return this.subjects.size;
  }
}

function fail(message: string): never {
  throw new Error(`fault table: ${message}`);
}

function wholeNumber(value: unknown, what: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) fail(`${what} must be a whole number in [${min}, ${max}]`);
  return value;
}

function mode(value: unknown, what: string): FaultMode {
  if (!FAULT_MODES.includes(value as FaultMode)) fail(`${what} must be one of ${FAULT_MODES.join(', ')}`);
  return value as FaultMode;
}

/** Checks a table received from the host; throws with what is wrong rather than applying half of it. */
export function parseFaultTable(raw: unknown): FaultTableState {
  if (typeof raw !== 'object' || raw === null) fail('expected an object');
  const t = raw as Record<string, unknown>;
  const latency = (t.latency ?? {}) as Record<string, unknown>;
  const cuts = Array.isArray(t.cuts) ? t.cuts : fail('cuts must be an array');
  const ports = Array.isArray(t.brokerPorts) ? t.brokerPorts : fail('brokerPorts must be an array');
  return {
    isolation: t.isolation === null || t.isolation === undefined ? null : mode(t.isolation, 'isolation'),
    latency: { inMs: wholeNumber(latency.inMs ?? 0, 'latency.inMs', 0, MAX_LATENCY_MS), outMs: wholeNumber(latency.outMs ?? 0, 'latency.outMs', 0, MAX_LATENCY_MS) },
    cuts: cuts.map((c: Record<string, unknown>) => ({ brokerId: wholeNumber(c?.brokerId, 'cuts[].brokerId', 0, 2 ** 31 - 1), mode: mode(c?.mode, 'cuts[].mode') })),
    brokerPorts: ports.map((p: Record<string, unknown>) => ({ brokerId: wholeNumber(p?.brokerId, 'brokerPorts[].brokerId', 0, 2 ** 31 - 1), port: wholeNumber(p?.port, 'brokerPorts[].port', 0, 65535) })),
    controllerPort: wholeNumber(t.controllerPort ?? -1, 'controllerPort', -1, 65535),
  };
}
