import { describe, expect, it } from 'vitest';
import { KeyGenerator } from './key-generator';

function counts(gen: KeyGenerator, n: number): Map<string | null, number> {
  const m = new Map<string | null, number>();
  for (let i = 0; i < n; i++) {
    const k = gen.nextKey();
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

describe('KeyGenerator', () => {
  it('sequential wraps around the key space', () => {
    const g = new KeyGenerator(3, 'sequential');
    expect(Array.from({ length: 7 }, () => g.nextKey())).toEqual(['key-0', 'key-1', 'key-2', 'key-0', 'key-1', 'key-2', 'key-0']);
  });

  it('uniform spreads evenly; zipf makes key-0 the hottest by far', () => {
    const uniform = counts(new KeyGenerator(10, 'uniform', 7), 20_000);
    expect(uniform.size).toBe(10);
    for (const c of uniform.values()) expect(c).toBeGreaterThan(1_700);
    const zipf = counts(new KeyGenerator(100, 'zipf', 7), 20_000);
    // Weight 1/k over 100 keys: key-0 has 1/H(100) ≈ 19 %, key-99 ≈ 0.19 %.
    expect(zipf.get('key-0')!).toBeGreaterThan(3_400);
    expect(zipf.get('key-0')!).toBeLessThan(4_300);
    expect(zipf.get('key-1')!).toBeLessThan(zipf.get('key-0')!);
    expect(zipf.get('key-99') ?? 0).toBeLessThan(120);
  });

  it('a key space of 0 sends null keys', () => {
    expect(new KeyGenerator(0, 'uniform').nextKey()).toBeNull();
  });
});
