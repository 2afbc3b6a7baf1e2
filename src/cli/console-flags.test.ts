import { describe, expect, it } from 'vitest';
import { DEFAULT_API_PORT, parseConsoleFlags } from './console-flags';

describe('parseConsoleFlags', () => {
  it('defaults the API port to 9600, or to a free port when the brokers take free ports', () => {
    expect(parseConsoleFlags({}, 9092, {}).apiPort).toBe(DEFAULT_API_PORT);
    expect(parseConsoleFlags({}, 0, {}).apiPort).toBe(0);
    expect(parseConsoleFlags({ 'api-port': '7000' }, 0, {}).apiPort).toBe(7000);
  });

  it('generates a 32-byte base64url token unless one is given by flag or environment', () => {
    const a = parseConsoleFlags({}, 0, {}).token;
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(parseConsoleFlags({}, 0, {}).token).not.toBe(a);
    expect(parseConsoleFlags({ token: 'x'.repeat(20) }, 0, {}).token).toBe('x'.repeat(20));
    expect(parseConsoleFlags({}, 0, { BROKERLAB_API_TOKEN: 'y'.repeat(20) }).token).toBe('y'.repeat(20));
  });

  it.each([
    [{ token: 'short' }, /^--token must have at least 16 characters$/],
    [{ token: 'has space and more chars' }, /^--token may hold only/],
    [{ 'api-port': '70000' }, /^--api-port must be between 0 and 65535/],
  ])('refuses %j', (values, message) => {
    expect(() => parseConsoleFlags(values, 0, {})).toThrow(message);
  });
});
