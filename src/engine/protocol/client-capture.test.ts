import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import type { SupportedApiKey } from './apis/index';
import { API_TABLES } from './apis/index';
import { decodeExact } from './codec';
import { decodeRequestHeader, encodeRequest } from './headers';
import { startCaptureServer, type CapturedRequest } from './test-support/capture-server';

/**
 * Runs real clients (kafkajs, kcat/librdkafka) against a capture server answering with our codec,
 * and checks that every request they send decodes exactly and re-encodes to the same bytes.
 * With UPDATE_FIXTURES=1 the first request of each kind is saved under fixtures/ as hex, where
 * client-fixtures.test.ts pins them without needing the clients.
 */
const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const kcatPath = ['/usr/bin/kcat', '/usr/local/bin/kcat'].find((p) => existsSync(p));

function checkRoundTrip(c: CapturedRequest): void {
  const payload = c.frame.subarray(4);
  const h = decodeRequestHeader(payload);
  const key = h.apiKey as SupportedApiKey;
  const body = decodeExact(API_TABLES[key].request, h.apiVersion, payload, h.bodyOffset);
  expect(encodeRequest(key, h.apiVersion, h.correlationId, h.clientId, body as never).equals(c.frame)).toBe(true);
}

function save(client: string, captured: CapturedRequest[]): void {
  if (process.env.UPDATE_FIXTURES !== '1') return;
  const seen = new Set<string>();
  for (const c of captured) {
    const name = `${client}_${API_TABLES[c.apiKey as SupportedApiKey].name.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase()}_request_v${c.apiVersion}`;
    if (seen.has(name)) continue;
    seen.add(name);
    writeFileSync(path.join(fixturesDir, `${name}.hex`), `${c.frame.toString('hex')}\n`);
  }
}

describe('requests captured from real clients', () => {
  it('kafkajs admin connect + listTopics: ApiVersions v2 then Metadata v6', async () => {
    const server = await startCaptureServer();
    try {
      const kafka = new Kafka({
        clientId: 'brokerlab-capture',
        brokers: [`127.0.0.1:${server.port}`],
        logLevel: logLevel.NOTHING,
        retry: { retries: 0 },
      });
      const admin = kafka.admin();
      await admin.connect();
      expect(await admin.listTopics()).toEqual([]);
      await admin.disconnect();
      const kinds = server.captured.map((c) => `${c.apiKey}v${c.apiVersion}`);
      expect(kinds).toContain('18v2');
      expect(kinds).toContain('3v6');
      server.captured.forEach(checkRoundTrip);
      save('kafkajs', server.captured);
    } finally {
      await server.close();
    }
  });

  it.skipIf(!kcatPath)('kcat -L: ApiVersions v3 then Metadata v4', async () => {
    const server = await startCaptureServer();
    try {
      const out = await new Promise<string>((resolve, reject) => {
        execFile(
          kcatPath as string,
          ['-b', `127.0.0.1:${server.port}`, '-L', '-m', '10'],
          { timeout: 20_000 },
          (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout)),
        );
      });
      expect(out).toContain('1 brokers');
      const kinds = server.captured.map((c) => `${c.apiKey}v${c.apiVersion}`);
      expect(kinds).toContain('18v3');
      expect(kinds).toContain('3v4');
      server.captured.forEach(checkRoundTrip);
      save('kcat', server.captured);
    } finally {
      await server.close();
    }
  });
});
