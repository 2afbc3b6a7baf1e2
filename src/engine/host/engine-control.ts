import { BROKER_STATES, type BrokerState } from '../../shared/console-types';

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
}

/** The parts of EngineHost the console reads (structural, so the host can evolve behind it). */
export interface EngineHostView {
  readonly dataDir: string;
  readonly bootstrapServers: string;
  readonly brokers: ReadonlyArray<{ readonly nodeId: number; readonly port: number; readonly state: string; readonly config: { readonly host: string } }>;
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
    brokers: () => host.brokers.map((b) => ({ id: b.nodeId, host: b.config.host, port: b.port, state: brokerState(b.state) })),
  };
}
