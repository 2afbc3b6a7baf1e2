/**
 * What `kafka-consumer-groups.sh --reset-offsets` accepts, as data: the reset scenario, the scope
 * (which partitions), and the parsers for its datetime, duration, `--topic T:0,2` and CSV plan
 * arguments. Pure: no I/O, no clock.
 */
import type { GroupResetSpec, ResetPlanEntry } from '../../shared/groups-types';
import { OffsetResetError } from '../../shared/reset-plan-csv';

// The CSV plan format and its error live in shared/ so the console's wizard reads a file exactly as the CLI does.
export { OffsetResetError, formatResetPlanCsv, parseResetPlanCsv } from '../../shared/reset-plan-csv';

/** One line of a reset plan file. The console contract owns the shape; the engine uses it as is. */
export type ResetPlanFileEntry = ResetPlanEntry;

/** The reset scenarios, named after Kafka's flags (--to-earliest, --shift-by …). */
export type OffsetResetSpec = GroupResetSpec;

export type OffsetResetKind = OffsetResetSpec['kind'];

/** A topic, with the partitions to reset or null for all of them (`--topic T` vs `--topic T:0,2`). */
export interface TopicScope {
  topic: string;
  partitions: number[] | null;
}

/** `--all-topics` (every partition the group has committed) or a list of `--topic` arguments. */
export type OffsetResetScope = { allTopics: true } | { topics: TopicScope[] };

const LEGAL_TOPIC = /^[a-zA-Z0-9._-]{1,249}$/;

/** Parses one `--topic` argument: `T` or `T:0,2`, as Kafka's tool splits it. */
export function parseTopicScope(arg: string): TopicScope {
  const parts = arg.split(':');
  if (parts.length > 2) throw new OffsetResetError(`invalid topic argument '${arg}': expected TOPIC or TOPIC:P1,P2`);
  const topic = parts[0]!;
  if (!LEGAL_TOPIC.test(topic)) throw new OffsetResetError(`invalid topic name '${topic}' in '${arg}'`);
  if (parts.length === 1) return { topic, partitions: null };
  const partitions = parts[1]!.split(',').map((p) => {
    if (!/^\d+$/.test(p.trim())) throw new OffsetResetError(`invalid partition '${p}' in topic argument '${arg}'`);
    return Number(p.trim());
  });
  return { topic, partitions: [...new Set(partitions)].sort((a, b) => a - b) };
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{3}))?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * Epoch milliseconds of a `--to-datetime` argument. Like Kafka's Utils.getDateTime: a time without
 * zone is UTC; zones may be Z, ±HH, ±HHMM or ±HH:MM. The milliseconds may be left out; when given
 * they must be three digits (Kafka's SSS pattern reads ".5" as 5 ms, not 500).
 */
export function parseResetDateTime(text: string): number {
  const m = DATETIME.exec(text.trim());
  const bad = (why: string) => new OffsetResetError(`invalid datetime '${text}': ${why}; expected YYYY-MM-DDTHH:mm:SS.sss with an optional zone (Z, +01:00)`);
  if (!m) throw bad('not ISO 8601');
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const millis = m[7] ? Number(m[7]) : 0;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const monthDays = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  if (monthDays === undefined || day < 1 || day > monthDays) throw bad('no such date');
  if (hour > 23 || minute > 59 || second > 59) throw bad('no such time of day');
  let offsetMinutes = 0;
  const zone = m[8];
  if (zone && zone !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const zh = Number(digits.slice(0, 2));
    const zm = digits.length > 2 ? Number(digits.slice(2)) : 0;
    if (zh > 18 || zm > 59) throw bad('zone offset out of range');
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (zh * 60 + zm);
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
}

const DURATION = /^([-+]?)P(?:([-+]?\d+)D)?(?:T(?:([-+]?\d+)H)?(?:([-+]?\d+)M)?(?:([-+]?\d+)(?:[.,](\d{1,9}))?S)?)?$/i;

/**
 * Milliseconds of a `--by-duration` argument, read as java.time.Duration.parse reads it
 * (PnDTnHnMnS, signed parts, fractional seconds; days are 24 h). Sub-millisecond parts are dropped.
 */
export function parseResetDuration(text: string): number {
  const t = text.trim();
  const m = DURATION.exec(t);
  // "P" and "PT" alone match the pattern with no component: Java refuses them too.
  if (!m || m.slice(2, 6).every((x) => x === undefined) || /T$/i.test(t)) {
    throw new OffsetResetError(`invalid duration '${text}': expected ISO 8601 PnDTnHnMnS, e.g. PT30M or P1DT2H`);
  }
  const n = (x: string | undefined) => (x === undefined ? 0 : Number(x));
  const secondsSign = m[5]?.startsWith('-') ? -1 : 1;
  const fractionMs = m[6] ? secondsSign * Math.trunc(Number(`0.${m[6]}`) * 1000) : 0;
  const ms = n(m[2]) * 86_400_000 + n(m[3]) * 3_600_000 + n(m[4]) * 60_000 + n(m[5]) * 1000 + fractionMs;
  return m[1] === '-' ? -ms : ms;
}

/**
 * Epoch milliseconds of a wall-clock `--to-datetime` in an IANA time zone (the console's wizard
 * shows the zone and sends it). A datetime that carries its own offset keeps it. Kafka's tool has
 * no zone name; this reads the zone's offset at that instant from the platform's tz database.
 */
export function parseResetDateTimeIn(text: string, timeZone: string | undefined): number {
  const utc = parseResetDateTime(text);
  if (timeZone === undefined || /(Z|[+-]\d{2}(:?\d{2})?)$/.test(text.trim())) return utc;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  } catch {
    throw new OffsetResetError(`unknown time zone '${timeZone}': expected an IANA name such as Europe/Paris`);
  }
  const offsetAt = (instant: number): number => {
    const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
    const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
    return asUtc - Math.floor(instant / 1000) * 1000;
  };
  // The wall time read as UTC, moved by the zone's offset; once more in case that crossed a DST change.
  let instant = utc - offsetAt(utc);
  instant = utc - offsetAt(instant);
  return instant;
}
