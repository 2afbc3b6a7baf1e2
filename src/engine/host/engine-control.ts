import { BROKER_STATES, type BrokerState } from '../../shared/console-types';
import type {
  BrokerAction,
  BrokerActionResult,
  EngineClusterState,
  EngineEvent,
  EngineEventDraft,
  FaultMode,
  LatencyView,
  LinkAction,
  LinkActionResult,
} from '../../shared/engine-types';

/** One embedded broker as its host sees it, whether or not the cluster's Metadata lists it. */
export interface EngineBroker {
  id: number;
  host: string;
  port: number;
  state: BrokerState;
}

/**
 * What the console learns from the engine host rather than over the Kafka protocol (DESIGN
 * decision 9): present only for the embedded cluster. Later issues add faults and samplers here.
 */
export interface EngineControl {
  readonly dataDir: string;
  readonly bootstrapServers: string;
  brokers(): EngineBroker[];
  /** The controller view, fault switches and events; absent where only the processes are known (tests). */
  readonly cluster?: EngineClusterControl;
}

/** The engine host's own view and switches of its cluster (issue 4). Failures throw ConsoleApiError. */
export interface EngineClusterControl {
  state(): EngineClusterState;
  brokerAction(id: number, action: BrokerAction, options: { mode?: FaultMode }): Promise<BrokerActionResult>;
  setLatency(id: number, latency: LatencyView): Promise<BrokerActionResult>;
  linkAction(a: number, b: number, action: LinkAction, options: { mode?: FaultMode }): Promise<LinkActionResult>;
  /** Adds a broker (the next id) to the running cluster. */
  addBroker(): Promise<BrokerActionResult>;
  /** Moves a broker's replicas away, then stops and unregisters it. */
  removeBroker(id: number): Promise<{ id: number; detail: string }>;
  /** Events after `afterSeq` still kept (the newest `limit`). */
  events(afterSeq: number, limit?: number): EngineEvent[];
  onEvent(listener: (event: EngineEvent) => void): () => void;
  /** Adds an event from outside the cluster's own machinery (a workload's rebalance). */
  appendEvent?(draft: EngineEventDraft): EngineEvent;
}

/** The parts of EngineHost the console reads (structural, so the host can evolve behind it). */
export interface EngineHostView {
  readonly dataDir: string;
  readonly bootstrapServers: string;
  readonly brokers: ReadonlyArray<{ readonly nodeId: number; readonly port: number; readonly state: string; readonly config: { readonly host: string } }>;
  readonly control?: EngineClusterControl;
}

function brokerState(state: string): BrokerState {
  return (BROKER_STATES as readonly string[]).includes(state) ? (state as BrokerState) : 'failed';
}

export function engineControlOf(host: EngineHostView): EngineControl {
  return {
    dataDir: host.dataDir,
    get bootstrapServers() {
      return host.bootstrapServers;
    },
    brokers: () => {
      // With the host's control the state shown includes 'isolated'.
      const shown = new Map(host.control?.state().brokers.map((b) => [b.id, b.state]) ?? []);
      return host.brokers.map((b) => ({ id: b.nodeId, host: b.config.host, port: b.port, state: shown.get(b.nodeId) ?? brokerState(b.state) }));
    },
    cluster: host.control,
  };
}
