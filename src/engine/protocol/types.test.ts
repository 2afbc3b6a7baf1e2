import { describe, expect, expectTypeOf, it } from 'vitest';
import { ApiKey } from './api-keys';
import type { FetchResponse, MetadataRequestInput, ProduceRequest, RequestOf, ResponseInputOf } from './apis/index';
import { ErrorCode, errorByName, errorForCode, errorName, KAFKA_ERRORS } from './errors';
import { decodeRequest } from './headers';

describe('derived message types', () => {
  it('map schema types to JS types (checked by tsc)', () => {
    expectTypeOf<ProduceRequest['acks']>().toEqualTypeOf<number>();
    expectTypeOf<ProduceRequest['transactionalId']>().toEqualTypeOf<string | null>();
    expectTypeOf<ProduceRequest['topicData'][number]['partitionData'][number]['records']>().toEqualTypeOf<Buffer | null>();
    expectTypeOf<FetchResponse['responses'][number]['partitions'][number]['highWatermark']>().toEqualTypeOf<bigint>();
    expectTypeOf<FetchResponse['responses'][number]['topicId']>().toEqualTypeOf<string>();
    expectTypeOf<FetchResponse['responses'][number]['partitions'][number]['abortedTransactions']>().toEqualTypeOf<
      { producerId: bigint; firstOffset: bigint }[] | null
    >();
    expectTypeOf<RequestOf<typeof ApiKey.Produce>>().toEqualTypeOf<ProduceRequest>();
    expectTypeOf(decodeRequest<typeof ApiKey.Produce>).returns.toEqualTypeOf<ProduceRequest>();
    // Input types: fields with defaults may be left out, required ones may not.
    expectTypeOf<{ topics: null }>().toMatchTypeOf<MetadataRequestInput>();
    expectTypeOf<{ brokers: [] }>().not.toMatchTypeOf<ResponseInputOf<typeof ApiKey.Metadata>>();
  });
});

describe('Kafka error table', () => {
  it('has the codes -1..127 once each, with lookups by code and name', () => {
    expect(KAFKA_ERRORS.map((e) => e.code)).toEqual(Array.from({ length: 129 }, (_, i) => i - 1));
    expect(ErrorCode.CORRUPT_MESSAGE).toBe(2);
    expect(ErrorCode.UNSUPPORTED_VERSION).toBe(35);
    expect(ErrorCode.MEMBER_ID_REQUIRED).toBe(79);
    expect(errorForCode(6)).toMatchObject({ name: 'NOT_LEADER_OR_FOLLOWER', retriable: true });
    expect(errorForCode(36).retriable).toBe(false);
    expect(errorForCode(9999).name).toBe('UNKNOWN_SERVER_ERROR');
    expect(errorByName('NOT_COORDINATOR')?.code).toBe(16);
    expect(errorByName('NO_SUCH_ERROR')).toBeUndefined();
    expect(errorName(-42)).toBe('UNKNOWN_ERROR_CODE_-42');
  });
});
