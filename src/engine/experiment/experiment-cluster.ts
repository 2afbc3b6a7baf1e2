// The cluster an experiment acts on: its bootstrap, the engine's view and events, and the fault
// switches. Two bindings: the engine host in this process (the runner's own cluster) and a running
// host's HTTP API (--api, bound in the CLI).
import type { BrokerAction, EngineClusterState, EngineEvent, FaultMode } from '../../shared/engine-types';
import type { EngineClusterControl } from '../host/engine-control';

export interface ExperimentCluster {
  readonly bootstrapServers: string;
  state(): Promise<EngineClusterState>;
  events(afterSeq: number): Promise<EngineEvent[]>;
  /** Each returns the engine's one-line account of what it did. */
  brokerAction(id: number, action: BrokerAction, mode?: FaultMode): Promise<string>;
  setLatency(id: number, ms: number): Promise<string>;
  linkAction(a: number, b: number, action: 'cut' | 'heal', mode?: FaultMode): Promise<string>;
  /** Lets the broker append the next `count` produce requests but close the connection instead of answering. */
  dropProduceResponses(id: number, count: number): Promise<string>;
}

/** The binding of an engine host's control in this process. */
export function controlCluster(
  bootstrapServers: () => string,
  control: EngineClusterControl,
  dropProduceResponses: (id: number, count: number) => Promise<string>,
): ExperimentCluster {
  return {
    get bootstrapServers() {
      return bootstrapServers();
    },
    state: async () => control.state(),
    events: async (afterSeq) => control.events(afterSeq),
    brokerAction: async (id, action, mode) => (await control.brokerAction(id, action, { mode })).detail,
    setLatency: async (id, ms) => (await control.setLatency(id, { inMs: ms, outMs: ms })).detail,
    linkAction: async (a, b, action, mode) => {
      const r = await control.linkAction(a, b, action, { mode });
      return `links cut now: ${r.links.map((l) => `${l.a}<->${l.b}`).join(', ') || 'none'}`;
    },
    dropProduceResponses,
  };
}
