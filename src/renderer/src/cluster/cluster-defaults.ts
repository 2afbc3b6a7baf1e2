// The line shown beside the broker switches (DESIGN decision 12): the defaults a new topic gets,
// whether brokers fsync, and how long a dead broker keeps its partitions. An engine host that does
// not report the defaults gets them called unknown rather than guessed.
import type { EngineClusterState } from '../../../shared/engine-types';
import { formatMillis } from '../format';
import type { Fmt } from '../i18n/fmt';

export function defaultsText(
  engine: (Pick<EngineClusterState, 'fsyncOnWrite' | 'sessionTimeoutMs'> & { defaults?: EngineClusterState['defaults'] }) | null,
  fmt: Fmt,
): string {
  const d = engine?.defaults;
  const parts = [d ? fmt.t('defaults.rfAndMinIsr', { rf: d.replicationFactor, minIsr: d.minInsyncReplicas }) : fmt.t('defaults.notReported')];
  if (engine) {
    parts.push(fmt.t(engine.fsyncOnWrite ? 'defaults.fsyncOn' : 'defaults.fsyncOff'));
    parts.push(fmt.t('defaults.sessionTimeout', { timeout: formatMillis(engine.sessionTimeoutMs, fmt.locale) }));
  }
  return parts.join(' · ');
}
