import type { FaultMode, FaultTableState } from '../network/fault-table';
import type { LatencyView, LinkFaultView } from '../../shared/engine-types';

const NO_LATENCY: LatencyView = Object.freeze({ inMs: 0, outMs: 0 });

function linkKey(a: number, b: number): string {
  return a < b ? `${a}-${b}` : `${b}-${a}`;
}

/**
 * The network as the host arranges it: which brokers are isolated, slowed, or cut from each other.
 * Faults belong to the network, not to a process: they outlive a broker's restart until healed.
 * Each broker gets the whole table it must apply (fault-table.ts) after every change.
 */
export class NetworkFaults {
  private readonly isolation = new Map<number, FaultMode>();
  private readonly latency = new Map<number, LatencyView>();
  private readonly cuts = new Map<string, LinkFaultView>();

  isolate(brokerId: number, mode: FaultMode): void {
    this.isolation.set(brokerId, mode);
  }

  isolationOf(brokerId: number): FaultMode | null {
    return this.isolation.get(brokerId) ?? null;
  }

  setLatency(brokerId: number, latency: LatencyView): void {
    if (latency.inMs === 0 && latency.outMs === 0) this.latency.delete(brokerId);
    else this.latency.set(brokerId, { ...latency });
  }

  latencyOf(brokerId: number): LatencyView {
    return this.latency.get(brokerId) ?? NO_LATENCY;
  }

  cut(a: number, b: number, mode: FaultMode): void {
    this.cuts.set(linkKey(a, b), { a: Math.min(a, b), b: Math.max(a, b), mode });
  }

  healLink(a: number, b: number): boolean {
    return this.cuts.delete(linkKey(a, b));
  }

  /** Everything on one broker: isolation, latency and its link cuts. Returns the brokers whose table changed. */
  heal(brokerId: number): number[] {
    const touched = new Set([brokerId]);
    this.isolation.delete(brokerId);
    this.latency.delete(brokerId);
    for (const [key, link] of this.cuts) {
      if (link.a !== brokerId && link.b !== brokerId) continue;
      this.cuts.delete(key);
      touched.add(link.a).add(link.b);
    }
    return [...touched];
  }

  cutsOf(brokerId: number): number[] {
    const peers: number[] = [];
    for (const link of this.cuts.values()) {
      if (link.a === brokerId) peers.push(link.b);
      else if (link.b === brokerId) peers.push(link.a);
    }
    return peers.sort((x, y) => x - y);
  }

  links(): LinkFaultView[] {
    return [...this.cuts.values()].sort((x, y) => x.a - y.a || x.b - y.b);
  }

  tableFor(brokerId: number, brokerPorts: ReadonlyArray<{ brokerId: number; port: number }>, controllerPort: number): FaultTableState {
    const cuts: FaultTableState['cuts'] = [];
    for (const link of this.cuts.values()) {
      if (link.a === brokerId) cuts.push({ brokerId: link.b, mode: link.mode });
      else if (link.b === brokerId) cuts.push({ brokerId: link.a, mode: link.mode });
    }
    return {
      isolation: this.isolationOf(brokerId),
      latency: { ...this.latencyOf(brokerId) },
      cuts,
      brokerPorts: brokerPorts.filter((p) => p.port > 0 && p.brokerId !== brokerId),
      controllerPort,
    };
  }
}
