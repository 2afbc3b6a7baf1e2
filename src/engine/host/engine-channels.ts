// The ConsoleApi channels only the embedded cluster's engine host can answer (issue 4): the
// controller view, the fault switches and the event log. Without an engine they say so.
import type { ConsoleChannel, RequestOf, ResponseOf } from '../../shared/console-api';
import { ApiErrorName, ConsoleApiError } from '../../shared/console-errors';
import type { EngineEvent } from '../../shared/engine-types';
import type { EngineClusterControl, EngineControl } from './engine-control';

type EngineChannel = 'cluster:state' | 'brokers:action' | 'brokers:latency' | 'links:action' | 'events:list' | 'brokers:add' | 'brokers:remove';
export type EngineHandlers = { [C in EngineChannel & ConsoleChannel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> };

function control(engine: EngineControl | null): EngineClusterControl {
  if (!engine?.cluster) throw new ConsoleApiError(ApiErrorName.NO_EMBEDDED_CLUSTER, 'fault switches and the controller view exist only for the embedded cluster');
  return engine.cluster;
}

export function engineHandlers(engine: EngineControl | null): EngineHandlers {
  return {
    'cluster:state': async () => control(engine).state(),
    'brokers:action': (req) => control(engine).brokerAction(req.id, req.action, { mode: req.mode }),
    'brokers:latency': (req) => {
      if (req.ms === undefined && req.inMs === undefined && req.outMs === undefined) {
        throw new ConsoleApiError(ApiErrorName.INVALID_REQUEST, 'request needs ms (both directions), or inMs and/or outMs');
      }
      return control(engine).setLatency(req.id, { inMs: req.inMs ?? req.ms ?? 0, outMs: req.outMs ?? req.ms ?? 0 });
    },
    'links:action': (req) => control(engine).linkAction(req.a, req.b, req.action, { mode: req.mode }),
    'brokers:add': () => control(engine).addBroker(),
    'brokers:remove': (req) => control(engine).removeBroker(req.id),
    'events:list': async (req) => {
      const c = control(engine);
      const events = c.events(req.afterSeq ?? 0, req.limit);
      return { events, lastSeq: events.at(-1)?.seq ?? req.afterSeq ?? 0 };
    },
  };
}

/** The `engine:event` stream. */
export function subscribeEngineEvents(engine: EngineControl | null, listener: (event: EngineEvent) => void): () => void {
  return control(engine).onEvent(listener);
}
