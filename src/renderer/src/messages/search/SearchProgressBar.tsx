// A search's progress: a bar over the offsets to scan, scanned / matched counters, the rate, and
// how it ended (the end, its limit, a cancel, a failure).
import type { JSX } from 'react';
import type { SearchProgress, SearchStopReason } from '../../../../shared/messages-search-types';
import { formatCount, formatDuration, formatExact } from '../../format';
import { useFmt } from '../../i18n/I18nProvider';
import type { MessageId } from '../../i18n/messages';

const STOPPED: Record<SearchStopReason, MessageId> = {
  end: 'messages.search.stopped.end',
  limit: 'messages.search.stopped.limit',
  bytes: 'messages.search.stopped.bytes',
  time: 'messages.search.stopped.time',
  cancel: 'messages.search.stopped.cancel',
  error: 'messages.search.stopped.error',
};

export function SearchProgressBar({ progress: p, shown }: { progress: SearchProgress; shown: number }): JSX.Element {
  const { t, locale } = useFmt();
  let total = 0;
  let done = 0;
  for (const part of p.partitions) {
    total += Math.max(0, part.endOffset - part.startOffset);
    done += Math.max(0, Math.min(part.position, part.endOffset) - part.startOffset);
  }
  const finished = p.state === 'done';
  // A search that reached the end fills the bar even when offsets had gaps (compaction, markers).
  const value = finished && p.stoppedBy === 'end' ? total : done;
  return (
    <div className={`search-progress${finished ? ' done' : ''}`}>
      <progress aria-label={t('messages.search.progress')} max={Math.max(1, total)} value={Math.min(value, Math.max(1, total))} />
      <span role="status" className="search-counters">
        {t('messages.search.counters', { scanned: formatExact(p.scanned, locale), matched: formatExact(p.matched, locale), rate: formatCount(Math.round(p.recordsPerSecond), locale), elapsed: formatDuration(p.elapsedMs, locale) })}
      </span>
      {finished && p.stoppedBy && (
        <span className={p.stoppedBy === 'error' ? 'tone-bad' : p.stoppedBy === 'cancel' ? 'tone-warn' : 'muted'} role="status">
          {t(STOPPED[p.stoppedBy], { name: p.error?.name ?? '', message: p.error?.message ?? '' })}
        </span>
      )}
      {p.matched > shown && finished && (
        <span className="muted" role="note">
          {t('messages.search.window', { shown: formatExact(shown, locale), matched: formatExact(p.matched, locale) })}
        </span>
      )}
      {p.filterErrors > 0 && (
        <span className="tone-warn" role="note">
          {t('messages.search.filterErrors', { count: p.filterErrors, first: p.firstFilterError ?? '' })}
        </span>
      )}
    </div>
  );
}
