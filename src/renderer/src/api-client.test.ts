import { describe, expect, it } from 'vitest';
import { resolveToken, takeTokenFromLocation } from './api-client';

function fakeLocation(hash: string) {
  const calls: string[] = [];
  const loc = { hash, pathname: '/', search: '' };
  const history = { replaceState: (_s: unknown, _t: string, url?: string | URL | null) => void calls.push(String(url)) };
  return { loc, history, calls };
}

describe('takeTokenFromLocation', () => {
  it('takes #token=… and replaces the address without it', () => {
    const { loc, history, calls } = fakeLocation('#token=abc_DEF-123');
    expect(takeTokenFromLocation(loc, history)).toBe('abc_DEF-123');
    expect(calls).toEqual(['/#/']);
  });

  it.each([[''], ['#/topics'], ['#token='], ['#token=a b'], ['#/x&token=abc']])('leaves %j alone', (hash) => {
    const { loc, history, calls } = fakeLocation(hash);
    expect(takeTokenFromLocation(loc, history)).toBeNull();
    expect(calls).toEqual([]);
  });
});

describe('resolveToken', () => {
  function memoryStorage(initial: Record<string, string> = {}) {
    const data = new Map(Object.entries(initial));
    return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
  }

  it('keeps a token from the address for reloads of this tab', () => {
    const s = memoryStorage();
    expect(resolveToken('abc', s)).toBe('abc');
    expect(resolveToken(null, s)).toBe('abc');
  });

  it('prefers a new token from the address over a kept one, and ignores a malformed kept one', () => {
    const s = memoryStorage({ 'brokerlab.token': 'old' });
    expect(resolveToken('new', s)).toBe('new');
    expect(resolveToken(null, memoryStorage({ 'brokerlab.token': 'a b<' }))).toBeNull();
    expect(resolveToken(null, null)).toBeNull();
  });

  it('works without storage', () => {
    const broken = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); } };
    expect(resolveToken('abc', broken)).toBe('abc');
    expect(resolveToken(null, broken)).toBeNull();
  });
});
