import { describe, expect, it } from 'vitest';
import { takeTokenFromLocation } from './api-client';

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
