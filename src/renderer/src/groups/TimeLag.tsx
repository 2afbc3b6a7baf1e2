import type { JSX } from 'react';
import { formatDuration, formatMillis } from '../format';
import { useFmt } from '../i18n/I18nProvider';

/** A time lag for people ("9 sec"), the exact milliseconds in the tooltip; "—" when unknown. */
export function TimeLag({ ms }: { ms: number | null }): JSX.Element {
  const { t, locale } = useFmt();
  if (ms === null)
    return (
      <span className="muted" title={t('table.unknown')}>
        —
      </span>
    );
  return <span title={formatMillis(ms, locale)}>{formatDuration(ms, locale)}</span>;
}
