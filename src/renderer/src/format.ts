// Numbers, sizes, durations and times for people (1.2K / 1.2천, 34.5 MB, 2 sec. ago / 2초 전), through
// Intl in the console's locale; the exact value goes in a tooltip beside them. Formatters are
// cached per locale and options: tables call these for every visible cell.

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined;
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
}

const numberFormat = (locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat =>
  cached(`n|${locale}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(locale, options));

/** 999 → "999", 1234 → "1.2K" (ko "1.2천"), 34_500_000 → "34.5M" (ko "3450만"): the locale's compact notation. */
export function formatCount(n: number, locale: string): string {
  if (!Number.isFinite(n)) return String(n);
  return numberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(n);
}

/** The exact value, grouped as the locale groups: 1234567 → "1,234,567". */
export function formatExact(n: number, locale: string): string {
  if (!Number.isFinite(n)) return String(n);
  return numberFormat(locale, { maximumFractionDigits: 20 }).format(n);
}

// Intl has only decimal (SI) byte units; Kafka's tools count sizes in powers of 1024 and call them
// KB, MB…, so Intl formats the number and the spacing, and the unit's text is replaced.
const BYTE_UNITS = [
  ['byte', 'B'],
  ['kilobyte', 'KB'],
  ['megabyte', 'MB'],
  ['gigabyte', 'GB'],
  ['terabyte', 'TB'],
] as const;

/** Powers of 1024 with Kafka's unit names: 36_175_872 → "34.5 MB" (ko "34.5MB"). */
export function formatBytes(n: number, locale: string): string {
  if (!Number.isFinite(n)) return String(n);
  let v = n;
  let unit = 0;
  while (Math.abs(v) >= 1024 * 0.99995 && unit < BYTE_UNITS.length - 1) {
    v /= 1024;
    unit++;
  }
  const [intlUnit, label] = BYTE_UNITS[unit]!;
  // One decimal while it carries information (1.2 MB, 34.5 MB), none past 100 (345 MB).
  const digits = unit === 0 || Math.abs(v) >= 100 ? 0 : 1;
  const parts = numberFormat(locale, { style: 'unit', unit: intlUnit, unitDisplay: 'short', maximumFractionDigits: digits }).formatToParts(v);
  return parts.map((p) => (p.type === 'unit' ? label : p.value)).join('');
}

/** A duration in the largest unit that keeps it readable: 250 → "250 ms", 9000 → "9 sec" (ko "9초"), 300000 → "5 min". */
export function formatDuration(ms: number, locale: string): string {
  if (!Number.isFinite(ms)) return String(ms);
  const abs = Math.abs(ms);
  const [value, unit] =
    abs < 1000 ? [ms, 'millisecond'] : abs < 60_000 ? [ms / 1000, 'second'] : abs < 3_600_000 ? [ms / 60_000, 'minute'] : abs < 172_800_000 ? [ms / 3_600_000, 'hour'] : [ms / 86_400_000, 'day'];
  return numberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
}

/** Milliseconds exactly, as Kafka's configs state them: 9000 → "9,000 ms" (ko "9,000ms"). */
export function formatMillis(ms: number, locale: string): string {
  if (!Number.isFinite(ms)) return String(ms);
  return numberFormat(locale, { style: 'unit', unit: 'millisecond', unitDisplay: 'short', maximumFractionDigits: 3 }).format(ms);
}

/** `then` relative to `now` (both epoch ms): "now", "2 sec. ago", "5 min. ago" (ko "지금", "2초 전", "5분 전"). */
export function formatAgo(then: number, now: number, locale: string): string {
  const rtf = cached(`r|${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' }));
  const s = Math.round((now - then) / 1000);
  if (s < 1) return rtf.format(0, 'second');
  if (s < 60) return rtf.format(-s, 'second');
  const m = Math.floor(s / 60);
  if (m < 60) return rtf.format(-m, 'minute');
  const h = Math.floor(m / 60);
  if (h < 48) return rtf.format(-h, 'hour');
  return rtf.format(-Math.floor(h / 24), 'day');
}

/** Local wall-clock time to the millisecond, 24-hour, "14:03:07.412": faults and their effects are seconds apart. */
export function formatClock(timeMs: number, locale: string): string {
  return cached(`c|${locale}`, () => new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3, hourCycle: 'h23' })).format(timeMs);
}

/** A record's time in a table cell: the clock for today's, month and day before it for older ones ("12/07, 14:03:07" / "12. 07. 14:03:07"). */
export function formatRecordTime(timeMs: number, nowMs: number, locale: string): string {
  if (new Date(timeMs).toDateString() === new Date(nowMs).toDateString()) return formatClock(timeMs, locale);
  return cached(`rt|${locale}`, () => new Intl.DateTimeFormat(locale, { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })).format(timeMs);
}

/** Date and time for tooltips, in the locale's medium style. */
export function formatDateTime(timeMs: number, locale: string): string {
  return cached(`d|${locale}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' })).format(timeMs);
}

/** A chart axis tick: "14:03" within a day's window, "12/07 14:00" ("12. 07. 14:00") over days. */
export function formatAxisTime(timeMs: number, locale: string, withDate: boolean): string {
  const options: Intl.DateTimeFormatOptions = withDate ? { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  return cached(`ax|${locale}|${withDate}`, () => new Intl.DateTimeFormat(locale, options)).format(timeMs);
}

/** Broker ids and similar short items: "1, 2, 3" in every locale, as Kafka's tools print replica lists. */
export function formatIds(ids: readonly number[]): string {
  return ids.join(', ');
}
