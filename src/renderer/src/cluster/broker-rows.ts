// The brokers table's rows: the Kafka view (cluster:describe) joined with the engine's (cluster:state).
import type { BrokerView } from '../../../shared/console-types';
import type { EngineBrokerStatus, EngineClusterState } from '../../../shared/engine-types';
import { formatIds, formatMillis } from '../format';
import type { Fmt } from '../i18n/fmt';
import { faultModeWord } from './event-sentences';

export interface BrokerRow {
  id: number;
  state: string;
  host: string;
  port: number;
  rack: string | null;
  registered: boolean;
  engine: EngineBrokerStatus | null;
  /** Partitions this broker leads, when the engine says; null otherwise. */
  leads: number | null;
  /** Replicas this broker holds, and how many of their partitions are under-replicated; null without the engine. */
  replicas: number | null;
  underReplicated: number | null;
  networkFaulted: boolean | null;
}

export function networkText(b: EngineBrokerStatus, fmt: Fmt): string {
  const parts: string[] = [];
  if (b.network.isolation) parts.push(fmt.t('network.isolated', { mode: faultModeWord(b.network.isolation, fmt) }));
  const { inMs, outMs } = b.network.latency;
  const ms = (v: number): string => formatMillis(v, fmt.locale);
  if (inMs || outMs) parts.push(inMs === outMs ? fmt.t('network.latency', { delay: ms(inMs) }) : fmt.t('network.latencyInOut', { inDelay: ms(inMs), outDelay: ms(outMs) }));
  if (b.network.cutFrom.length) parts.push(fmt.t('network.cutFrom', { brokers: formatIds(b.network.cutFrom) }));
  return parts.length ? parts.join('; ') : fmt.t('network.normal');
}

export function brokerRows(brokers: readonly BrokerView[], engine: EngineClusterState | null): BrokerRow[] {
  const byId = new Map(engine?.brokers.map((b) => [b.id, b]) ?? []);
  return brokers.map((b) => {
    const e = byId.get(b.id) ?? null;
    const faulted = e ? e.network.isolation !== null || e.network.latency.inMs > 0 || e.network.latency.outMs > 0 || e.network.cutFrom.length > 0 : null;
    return {
      id: b.id,
      // The engine's state is fresher (read after each switch); the Kafka view lags a tick.
      state: e?.state ?? b.state,
      host: b.host,
      port: b.port,
      rack: b.rack,
      registered: b.registered,
      engine: e,
      leads: engine ? engine.partitions.filter((p) => p.leader === b.id).length : null,
      replicas: engine ? engine.partitions.filter((p) => p.replicas.includes(b.id)).length : null,
      underReplicated: engine ? engine.partitions.filter((p) => p.replicas.includes(b.id) && p.isr.length < p.replicas.length).length : null,
      networkFaulted: faulted,
    };
  });
}
