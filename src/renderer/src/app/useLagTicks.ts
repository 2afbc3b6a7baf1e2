// Counts the sampler's ticks (the `lag:sampled` stream, every tick): a chart reads its history again
// on each, unless the user paused it.
import { useEffect, useState } from 'react';
import { consoleClient } from '../api-client';

export function useLagTicks(enabled: boolean): number {
  const [ticks, setTicks] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    return consoleClient().subscribe('lag:sampled', () => setTicks((n) => n + 1));
  }, [enabled]);
  return ticks;
}
