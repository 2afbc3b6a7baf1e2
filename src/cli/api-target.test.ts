import { describe, expect, it } from 'vitest';
import { resolveApiTarget } from './api-target';

describe('resolveApiTarget', () => {
  it('takes --api and --token, then the environment, then the #token= of the address', () => {
    expect(resolveApiTarget({ api: 'http://127.0.0.1:7000', token: 't' }, {})).toEqual({ baseUrl: 'http://127.0.0.1:7000', token: 't' });
    expect(resolveApiTarget({}, { BROKERLAB_API: 'http://localhost:7001/', BROKERLAB_API_TOKEN: 'e' })).toEqual({ baseUrl: 'http://localhost:7001', token: 'e' });
    expect(resolveApiTarget({ api: 'http://127.0.0.1:7002/#token=frag' }, {})).toEqual({ baseUrl: 'http://127.0.0.1:7002', token: 'frag' });
    expect(resolveApiTarget({ token: 'x' }, {}).baseUrl).toBe('http://127.0.0.1:9600');
  });

  it.each([
    [{ api: 'not a url', token: 't' }, /--api must be a URL/],
    [{ api: 'https://127.0.0.1:1', token: 't' }, /--api must be an http:\/\/ URL/],
    [{ api: 'http://127.0.0.1:1' }, /no API token/],
  ])('refuses %j', (values, message) => {
    expect(() => resolveApiTarget(values, {})).toThrow(message);
  });
});
