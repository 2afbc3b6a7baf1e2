// Numbers for people (1.2 M, 34.5 MB, 2 s ago); the exact value goes in a tooltip beside them.

const COUNT_UNITS: ReadonlyArray<[number, string]> = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'K'],
];

function scaled(value: number): string {
  // One decimal while it carries information (1.2 M, 34.5 M), none past 100 (345 M).
  const text = Math.abs(value) < 100 ? value.toFixed(1) : value.toFixed(0);
  return text.replace(/\.0$/, '');
}

/** 999 → "999", 1234 → "1.2 K", 34_500_000 → "34.5 M". */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  for (const [size, unit] of COUNT_UNITS) {
    // Round first so 999_950 reads "1 M", not "1000 K".
    if (abs >= size * 0.99995) return `${scaled(n / size)} ${unit}`;
  }
  return String(Math.round(n) === n ? n : Number(n.toFixed(1)));
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** Powers of 1024, as Kafka's own tools count segment and log sizes. */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  let v = n;
  let unit = 0;
  while (Math.abs(v) >= 1024 * 0.99995 && unit < BYTE_UNITS.length - 1) {
    v /= 1024;
    unit++;
  }
  return unit === 0 ? `${n} B` : `${scaled(v)} ${BYTE_UNITS[unit]}`;
}

/** The exact value, grouped by thousands: 1234567 → "1,234,567". */
export function formatExact(n: number): string {
  return Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: 20 }) : String(n);
}

/** `then` relative to `now` (both epoch ms): "just now", "2 s ago", "5 min ago", "3 h ago", "4 d ago". */
export function formatAgo(then: number, now: number): string {
  const s = Math.round((now - then) / 1000);
  if (s < 1) return 'just now';
  if (s < 60) return `${s} s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.floor(h / 24)} d ago`;
}
