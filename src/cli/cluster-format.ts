import type { EngineClusterState, EngineEvent } from '../shared/engine-types';

/** `brokerlab cluster`: the engine's view in a few lines a person can scan. */
export function formatClusterState(s: EngineClusterState): string {
  const lines = [
    `cluster ${s.clusterId}  data ${s.dataDir}  metadata offset ${s.metadataOffset}  session timeout ${s.sessionTimeoutMs} ms`,
    s.fsyncOnWrite ? 'fsync: on (flush.messages / flush.ms set)' : 'fsync: off (Kafka default) — a power cut loses writes not yet flushed',
  ];
  for (const b of s.brokers) {
    const ctl = b.controller ? `${b.controller.fenced ? 'fenced' : 'unfenced'}, epoch ${b.controller.brokerEpoch}` : 'not registered';
    const net: string[] = [];
    if (b.network.isolation) net.push(`isolated (${b.network.isolation})`);
    if (b.network.latency.inMs || b.network.latency.outMs) net.push(`latency in ${b.network.latency.inMs} ms / out ${b.network.latency.outMs} ms`);
    if (b.network.cutFrom.length) net.push(`cut from ${b.network.cutFrom.join(', ')}`);
    lines.push(`broker ${b.id}  ${b.state.padEnd(10)} ${b.host}:${b.port}  pid ${b.pid ?? '-'}  ${ctl}${net.length ? `  ${net.join('; ')}` : ''}`);
  }
  for (const p of s.partitions) {
    const leo = p.replicaStatus.map((r) => `${r.brokerId}:${r.logEndOffset ?? '?'}`).join(' ');
    lines.push(
      `${p.topic}-${p.partition}  leader ${p.leader} (epoch ${p.leaderEpoch})  replicas [${p.replicas.join(',')}]  isr [${p.isr.join(',')}]  hw ${p.highWatermark ?? '?'}  log end ${leo}`,
    );
  }
  for (const l of s.links) lines.push(`link ${l.a}<->${l.b} cut (${l.mode})`);
  return `${lines.join('\n')}\n`;
}

export function formatEvent(e: EngineEvent): string {
  return `${new Date(e.timeMs).toISOString()}  #${e.seq}  ${e.kind.padEnd(16)} ${e.message}\n`;
}
