import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startCluster, type ClusterProcess } from '../fixtures/processes';
import { kcatMetadata } from '../drivers/kcat';

/** Short timeouts so failover tests finish in seconds; the values are printed in failures. */
export const FAST_FAILOVER_CONFIG = {
  'broker.session.timeout.ms': '2000',
  'broker.heartbeat.interval.ms': '500',
  'replica.lag.time.max.ms': '3000',
  'replica.fetch.backoff.ms': '200',
};

export function startFastCluster(brokers = 3, extra: Record<string, string> = {}): Promise<ClusterProcess> {
  const config = { ...FAST_FAILOVER_CONFIG, ...extra };
  return startCluster({ brokers, extraArgs: Object.entries(config).flatMap(([k, v]) => ['--config', `${k}=${v}`]) });
}

/** The OS pid of a broker process, from the `.lock` it holds in its folder. */
export function brokerPid(cluster: ClusterProcess, brokerId: number): number {
  return Number(readFileSync(join(cluster.dataDir, `broker-${brokerId}`, '.lock'), 'utf8').trim());
}

export async function leaderOf(cluster: ClusterProcess, topic: string, partition: number): Promise<number> {
  const meta = await kcatMetadata(cluster.bootstrap, { topic });
  return meta.topics.find((t) => t.topic === topic)?.partitions.find((p) => p.partition === partition)?.leader ?? -1;
}

/** Polls `probe` until it returns a value that `done` accepts, or throws after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    try {
      last = await probe();
      if (done(last)) return last;
    } catch {
      // The cluster may be mid-failover; try again.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${JSON.stringify(last)}`);
}
