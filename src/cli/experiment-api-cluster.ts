// `experiment run --api URL`: the experiment acts on a running engine host through its HTTP API.
import type { BrokerActionResult, EngineClusterState, EngineEvent, LinkActionResult } from '../shared/engine-types';
import type { ExperimentCluster } from '../engine/experiment/experiment-cluster';
import { callApi, type ApiTarget } from './api-target';

export async function apiCluster(target: ApiTarget): Promise<ExperimentCluster> {
  const state = async (): Promise<EngineClusterState> => (await callApi(target, 'GET', '/api/cluster')) as EngineClusterState;
  const first = await state();
  const bootstrap = first.brokers.map((b) => `${b.host}:${b.port}`).join(',');
  return {
    bootstrapServers: bootstrap,
    state,
    events: async (afterSeq) => ((await callApi(target, 'GET', `/api/events?after=${afterSeq}`)) as { events: EngineEvent[] }).events,
    brokerAction: async (id, action, mode) => ((await callApi(target, 'POST', `/api/brokers/${id}/${action}`, mode && action === 'isolate' ? { mode } : undefined)) as BrokerActionResult).detail,
    setLatency: async (id, ms) => ((await callApi(target, 'POST', `/api/brokers/${id}/latency`, { ms })) as BrokerActionResult).detail,
    linkAction: async (a, b, action, mode) => {
      const r = (await callApi(target, 'POST', `/api/links/${a}/${b}/${action}`, mode && action === 'cut' ? { mode } : undefined)) as LinkActionResult;
      return `links cut now: ${r.links.map((l) => `${l.a}<->${l.b}`).join(', ') || 'none'}`;
    },
    dropProduceResponses: async () => {
      throw new Error('drop-produce-responses needs the runner\'s own cluster (run without --api): the engine host\'s HTTP API has no route for it yet');
    },
  };
}
