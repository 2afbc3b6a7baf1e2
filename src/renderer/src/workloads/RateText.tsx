import type { JSX } from 'react';
import { formatCount, formatExact } from '../format';
import { useFmt } from '../i18n/I18nProvider';

/** Records per second for people (12.3/s, 1.2K/s) with the exact value in the tooltip. */
export function RateText({ value }: { value: number | null }): JSX.Element {
  const { t, locale } = useFmt();
  if (value === null) {
    return (
      <span className="muted" title={t('table.unknown')}>
        —
      </span>
    );
  }
  const rounded = Math.round(value * 10) / 10;
  return <span title={t('charts.unit.perSecond', { value: formatExact(Math.round(value * 1000) / 1000, locale) })}>{t('charts.unit.perSecond', { value: formatCount(rounded, locale) })}</span>;
}
