import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ApiKey } from './api-keys';
import { API_TABLES, type SupportedApiKey } from './apis/index';
import { decodeExact } from './codec';
import { decodeRequest, decodeRequestHeader, encodeRequest } from './headers';

/**
 * Request bytes real clients sent (captured by client-capture.test.ts with UPDATE_FIXTURES=1):
 * the decoder must read them exactly, with the values below, and re-encoding must give them back.
 */
const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

const cases = [
  {
    file: 'kafkajs_api_versions_request_v2.hex',
    header: { apiKey: ApiKey.ApiVersions, apiVersion: 2, correlationId: 0, clientId: 'brokerlab-capture', headerVersion: 1 },
    body: { clientSoftwareName: '', clientSoftwareVersion: '' },
  },
  {
    file: 'kafkajs_metadata_request_v6.hex',
    header: { apiKey: ApiKey.Metadata, apiVersion: 6, correlationId: 1, clientId: 'brokerlab-capture', headerVersion: 1 },
    body: { topics: null, allowAutoTopicCreation: false, includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: false },
  },
  {
    file: 'kcat_api_versions_request_v3.hex',
    header: { apiKey: ApiKey.ApiVersions, apiVersion: 3, correlationId: 1, clientId: 'rdkafka', headerVersion: 2 },
    body: { clientSoftwareName: 'librdkafka', clientSoftwareVersion: '2.0.2' },
  },
  {
    file: 'kcat_metadata_request_v4.hex',
    header: { apiKey: ApiKey.Metadata, apiVersion: 4, correlationId: 2, clientId: 'rdkafka', headerVersion: 1 },
    body: { topics: [], allowAutoTopicCreation: false, includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: false },
  },
];

describe('requests captured from kafkajs 2.2.4 and kcat 1.7.1 (librdkafka 2.0.2)', () => {
  it.each(cases.map((c) => [c.file, c] as const))('%s', (file, c) => {
    const frame = Buffer.from(readFileSync(path.join(fixturesDir, file), 'utf8').trim(), 'hex');
    expect(frame.readInt32BE(0)).toBe(frame.length - 4);
    const payload = frame.subarray(4);
    const header = decodeRequestHeader(payload);
    expect(header).toMatchObject(c.header);
    const key = header.apiKey as SupportedApiKey;
    const body = decodeExact(API_TABLES[key].request, header.apiVersion, payload, header.bodyOffset);
    expect(body).toEqual(c.body);
    expect(decodeRequest(key, header.apiVersion, payload, header.bodyOffset)).toEqual(c.body);
    expect(encodeRequest(key, header.apiVersion, header.correlationId, header.clientId, body as never).toString('hex')).toBe(frame.toString('hex'));
  });
});
