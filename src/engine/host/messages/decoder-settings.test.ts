import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../logger';
import { DecoderSettings } from './decoder-settings';

const dir = mkdtempSync(join(tmpdir(), 'brokerlab-decoders-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('DecoderSettings', () => {
  it('keeps choices per cluster and topic across engine hosts, written whole', async () => {
    const file = join(dir, 'console', 'decoders.json');
    const first = new DecoderSettings(file, createMemoryLogger());
    await first.set('cluster-a', 'orders', { key: { kind: 'utf8' }, value: { kind: 'json' } });
    await first.set('cluster-b', 'orders', { key: { kind: 'auto' }, value: { kind: 'msgpack' } });
    const second = new DecoderSettings(file, createMemoryLogger());
    expect(await second.get('cluster-a', 'orders')).toEqual({ key: { kind: 'utf8' }, value: { kind: 'json' } });
    expect(await second.get('cluster-b', 'orders')).toEqual({ key: { kind: 'auto' }, value: { kind: 'msgpack' } });
    expect(await second.get('cluster-a', 'payments')).toBeNull();
    expect(() => JSON.parse(readFileSync(file, 'utf8'))).not.toThrow();
  });

  it('a file that is not JSON is ignored with a warning; a bad entry is skipped, the rest kept', async () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ "clusters": ');
    const logger = createMemoryLogger();
    expect(await new DecoderSettings(broken, logger).get('c', 't')).toBeNull();
    expect(logger.lines.join('\n')).toMatch(/are not JSON and are ignored/);

    const mixed = join(dir, 'mixed.json');
    writeFileSync(mixed, JSON.stringify({ version: 1, clusters: { c: { good: { key: { kind: 'hex' }, value: { kind: 'utf8' } }, bad: { key: { kind: 'xml' }, value: { kind: 'utf8' } } } } }));
    const settings = new DecoderSettings(mixed, logger);
    expect(await settings.get('c', 'good')).toEqual({ key: { kind: 'hex' }, value: { kind: 'utf8' } });
    expect(await settings.get('c', 'bad')).toBeNull();
    expect(logger.lines.join('\n')).toMatch(/c\/bad skipped: key\.kind must be one of/);
  });
});
