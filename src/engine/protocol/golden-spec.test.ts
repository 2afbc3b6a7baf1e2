import { describe, expect, it } from 'vitest';
import { ApiKey } from './api-keys';
import type { SupportedApiKey } from './apis/index';
import { decodeExact } from './codec';
import { API_TABLES } from './apis/index';
import { decodeRequest, decodeRequestHeader, decodeResponse, encodeApiVersionsFallback, encodeRequest, encodeResponse } from './headers';

/**
 * Golden bytes written by hand from the protocol spec (field order from the Kafka 3.9 JSON,
 * encodings from the protocol guide), for versions that no local client sends. Each hex string is
 * a whole frame, size prefix included; spaces separate fields.
 */
const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const ZERO_UUID = 'AAAAAAAAAAAAAAAAAAAAAA';

interface RequestCase {
  name: string;
  apiKey: SupportedApiKey;
  version: number;
  correlationId: number;
  clientId: string | null;
  frame: string;
  body: Record<string, unknown>;
}

const requests: RequestCase[] = [
  {
    name: 'metadata_request_v12_000',
    apiKey: ApiKey.Metadata,
    version: 12,
    correlationId: 7,
    clientId: 'abc',
    frame: `00000025  0003 000c 00000007 0003616263 00
            02 ${'00'.repeat(16)} 0274 00   01 00 00`,
    body: {
      topics: [{ topicId: ZERO_UUID, name: 't' }],
      allowAutoTopicCreation: true,
      includeClusterAuthorizedOperations: false,
      includeTopicAuthorizedOperations: false,
    },
  },
  {
    name: 'create_topics_request_v7_000',
    apiKey: ApiKey.CreateTopics,
    version: 7,
    correlationId: 42,
    clientId: null,
    frame: `00000021  0013 0007 0000002a ffff 00
            02 0261 00000003 0001 01 02 026b 00 00 00   00007530 00 00`,
    body: {
      topics: [
        { name: 'a', numPartitions: 3, replicationFactor: 1, assignments: [], configs: [{ name: 'k', value: null }] },
      ],
      timeoutMs: 30000,
      validateOnly: false,
    },
  },
  {
    // Topic by id (v13+), and the tagged ClusterId (tag 0) at the top level.
    name: 'fetch_request_v13_000',
    apiKey: ApiKey.Fetch,
    version: 13,
    correlationId: 1,
    clientId: 'x',
    frame: `00000061  0001 000d 00000001 000178 00
            ffffffff 000001f4 00000001 00100000 01 00000000 ffffffff
            02 0102030405060708090a0b0c0d0e0f10
               02 00000000 00000005 000000000000000a ffffffff ffffffffffffffff 00100000 00
               00
            01 01
            01 00 03 036331`,
    body: {
      clusterId: 'c1',
      replicaId: -1,
      replicaState: { replicaId: -1, replicaEpoch: -1n },
      maxWaitMs: 500,
      minBytes: 1,
      maxBytes: 1048576,
      isolationLevel: 1,
      sessionId: 0,
      sessionEpoch: -1,
      topics: [
        {
          topic: '',
          topicId: 'AQIDBAUGBwgJCgsMDQ4PEA',
          partitions: [
            {
              partition: 0,
              currentLeaderEpoch: 5,
              fetchOffset: 10n,
              lastFetchedEpoch: -1,
              logStartOffset: -1n,
              partitionMaxBytes: 1048576,
              replicaDirectoryId: ZERO_UUID,
            },
          ],
        },
      ],
      forgottenTopicsData: [],
      rackId: '',
    },
  },
  {
    name: 'produce_request_v3_000',
    apiKey: ApiKey.Produce,
    version: 3,
    correlationId: 2,
    clientId: 'p',
    frame: `0000002a  0000 0003 00000002 000170
            ffff ffff 00007530 00000001 000174 00000001 00000000 00000004 deadbeef`,
    body: {
      transactionalId: null,
      acks: -1,
      timeoutMs: 30000,
      topicData: [{ name: 't', partitionData: [{ index: 0, records: hex('deadbeef') }] }],
    },
  },
];

describe('golden request bytes from the spec', () => {
  it.each(requests.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const frame = hex(c.frame);
    expect(frame.readInt32BE(0)).toBe(frame.length - 4);
    const payload = frame.subarray(4);
    const header = decodeRequestHeader(payload);
    expect(header).toMatchObject({ apiKey: c.apiKey, apiVersion: c.version, correlationId: c.correlationId, clientId: c.clientId });
    expect(decodeRequest(c.apiKey, c.version, payload, header.bodyOffset)).toEqual(c.body);
    // Every byte of the body is part of the message.
    expect(decodeExact(API_TABLES[c.apiKey].request, c.version, payload, header.bodyOffset)).toEqual(c.body);
    expect(encodeRequest(c.apiKey, c.version, c.correlationId, c.clientId, c.body as never).toString('hex')).toBe(frame.toString('hex'));
  });

  it('metadata_request_v12_001: an unknown tag in the request header is skipped', () => {
    const frame = hex(`00000029  0003 000c 00000007 0003616263 01 05 02 beef
                       02 ${'00'.repeat(16)} 0274 00   01 00 00`);
    const payload = frame.subarray(4);
    const header = decodeRequestHeader(payload);
    expect(header.bodyOffset).toBe(14 + 4);
    expect(decodeRequest(ApiKey.Metadata, 12, payload, header.bodyOffset)).toEqual(requests[0].body);
  });
});

describe('golden response bytes from the spec', () => {
  it('api_versions_response_v3_000: header v0 even though v3 is flexible; tagged FinalizedFeaturesEpoch', () => {
    const frame = hex(`0000001d  00000007
                       0000 02 0012 0000 0004 00 00000000
                       01 01 08 0000000000000005`);
    const body = {
      errorCode: 0,
      apiKeys: [{ apiKey: 18, minVersion: 0, maxVersion: 4 }],
      throttleTimeMs: 0,
      supportedFeatures: [],
      finalizedFeaturesEpoch: 5n,
      finalizedFeatures: [],
      zkMigrationReady: false,
    };
    expect(decodeResponse(ApiKey.ApiVersions, 3, frame.subarray(4))).toEqual({ correlationId: 7, body });
    expect(encodeResponse(ApiKey.ApiVersions, 3, 7, body).toString('hex')).toBe(frame.toString('hex'));
  });

  it('api_versions_response_v0_000: the fallback for an unknown ApiVersions version (error 35, v0 body)', () => {
    const frame = hex(`00000016  00000009  0023 00000002 0003 0000 000c 0012 0000 0004`);
    const encoded = encodeApiVersionsFallback(9, [
      { apiKey: 3, minVersion: 0, maxVersion: 12 },
      { apiKey: 18, minVersion: 0, maxVersion: 4 },
    ]);
    expect(encoded.toString('hex')).toBe(frame.toString('hex'));
  });

  it('metadata_response_v9_000: response header v1 (tagged section) and an unknown body tag skipped', () => {
    const frame = hex(`00000026  00000003 00
                       00000000 02 00000001 0268 00002384 00 00 00 000003e9 01 ffffffff
                       01 63 03 ffffff`);
    const body = {
      throttleTimeMs: 0,
      brokers: [{ nodeId: 1, host: 'h', port: 9092, rack: null }],
      clusterId: null,
      controllerId: 1001,
      topics: [],
      clusterAuthorizedOperations: -1,
    };
    // 0x63 = tag 99, which MetadataResponse does not define: it is skipped.
    expect(frame.length - 4).toBe(0x26);
    const decoded = decodeResponse(ApiKey.Metadata, 9, frame.subarray(4));
    expect(decoded).toEqual({ correlationId: 3, body });
    // Re-encoding drops the unknown tag.
    expect(encodeResponse(ApiKey.Metadata, 9, 3, body).toString('hex')).toBe(
      hex(`00000021 00000003 00 00000000 02 00000001 0268 00002384 00 00 00 000003e9 01 ffffffff 00`).toString('hex'),
    );
  });
});
