// A producer workload's keys: key-0 … key-(n-1), drawn uniformly, by Zipf's law (weight 1/k, so a
// few keys are hot, as real order ids or user ids are) or in sequence. Seeded, so a run is repeatable.
import type { KeyDistribution } from '../../shared/workload-types';

/** mulberry32: a tiny seeded PRNG, enough for spreading keys (not for anything secret). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Zipf's CDF over n keys is only computed up to this many; beyond it the tail is drawn uniformly. */
const ZIPF_TABLE_MAX = 100_000;

export class KeyGenerator {
  private readonly random: () => number;
  private next = 0;
  private readonly cdf: Float64Array | null;

  constructor(
    private readonly keySpace: number,
    private readonly distribution: KeyDistribution,
    seed = 1,
  ) {
    this.random = seededRandom(seed);
    this.cdf = distribution === 'zipf' && keySpace > 0 ? zipfCdf(Math.min(keySpace, ZIPF_TABLE_MAX)) : null;
  }

  /** The next key, or null when the key space is 0. */
  nextKey(): string | null {
    if (this.keySpace === 0) return null;
    return `key-${this.nextIndex()}`;
  }

  private nextIndex(): number {
    switch (this.distribution) {
      case 'sequential':
        return this.next++ % this.keySpace;
      case 'uniform':
        return Math.floor(this.random() * this.keySpace);
      case 'zipf': {
        const cdf = this.cdf!;
        const u = this.random();
        let lo = 0;
        let hi = cdf.length - 1;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (cdf[mid]! < u) lo = mid + 1;
          else hi = mid;
        }
        return lo;
      }
    }
  }
}

function zipfCdf(n: number): Float64Array {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let k = 1; k <= n; k++) sum += 1 / k;
  let acc = 0;
  for (let k = 1; k <= n; k++) {
    acc += 1 / k / sum;
    cdf[k - 1] = acc;
  }
  cdf[n - 1] = 1;
  return cdf;
}
