// The figures of a run, from the outcomes producers were told and when: how long writes were
// unavailable, how soon the first acknowledged write came after each fault, and which Kafka
// errors clients saw.

/** One delivery report with the time it came back (ms since the run started). */
export interface TimedOutcome {
  producer: string;
  timeMs: number;
  status: 'acknowledged' | 'indeterminate' | 'failed';
  /** Kafka's error name (e.g. NOT_ENOUGH_REPLICAS), or the client's (REQUEST_TIMED_OUT) when not acknowledged. */
  error: string | null;
}

export interface UnavailableWindow {
  producer: string;
  fromMs: number;
  toMs: number;
}

/**
 * Windows longer than `thresholdMs` in which a producer got no acknowledgement while it was
 * sending: between consecutive acknowledgements, and from its start (or to its end) to the first
 * (or after the last) one.
 */
export function unavailabilityWindows(
  outcomes: readonly TimedOutcome[],
  producers: ReadonlyArray<{ name: string; startMs: number; endMs: number }>,
  thresholdMs: number,
): UnavailableWindow[] {
  const windows: UnavailableWindow[] = [];
  for (const p of producers) {
    const acks = outcomes
      .filter((o) => o.producer === p.name && o.status === 'acknowledged')
      .map((o) => o.timeMs)
      .sort((a, b) => a - b);
    const marks = [p.startMs, ...acks, p.endMs];
    for (let i = 1; i < marks.length; i++) {
      const from = marks[i - 1]!;
      const to = marks[i]!;
      if (to - from > thresholdMs) windows.push({ producer: p.name, fromMs: from, toMs: to });
    }
  }
  return windows.sort((a, b) => a.fromMs - b.fromMs);
}

/** For each fault time, how long until any producer's next acknowledgement (null: none came). */
export function timeToFirstAck(outcomes: readonly TimedOutcome[], faultTimes: readonly number[]): Array<number | null> {
  const acks = outcomes
    .filter((o) => o.status === 'acknowledged')
    .map((o) => o.timeMs)
    .sort((a, b) => a - b);
  return faultTimes.map((t) => {
    const next = acks.find((a) => a >= t);
    return next === undefined ? null : next - t;
  });
}

/** Count of unacknowledged outcomes by error name, largest first. */
export function errorsByName(outcomes: readonly TimedOutcome[], extra: readonly string[] = []): Record<string, number> {
  const counts = new Map<string, number>();
  for (const o of outcomes) if (o.status !== 'acknowledged') counts.set(o.error ?? 'UNKNOWN', (counts.get(o.error ?? 'UNKNOWN') ?? 0) + 1);
  for (const e of extra) counts.set(e, (counts.get(e) ?? 0) + 1);
  return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
}
