// The line shown beside the broker switches (DESIGN decision 12): the defaults a new topic gets,
// whether brokers fsync, and how long a dead broker keeps its partitions. An engine host that does
// not report the defaults gets them called unknown rather than guessed.
import type { EngineClusterState } from '../../../shared/engine-types';
import { formatExact } from '../format';

export function defaultsText(engine: Pick<EngineClusterState, 'fsyncOnWrite' | 'sessionTimeoutMs'> & { defaults?: EngineClusterState['defaults'] } | null): string {
  const d = engine?.defaults;
  const parts = [d ? `Default RF ${d.replicationFactor} · min ISR ${d.minInsyncReplicas}` : 'Default RF and min ISR: not reported by this engine host'];
  if (engine) {
    parts.push(engine.fsyncOnWrite ? 'fsync on every write' : 'fsync off: a power loss drops what the OS had not flushed');
    parts.push(`session timeout ${formatExact(engine.sessionTimeoutMs)} ms`);
  }
  return parts.join(' · ');
}
