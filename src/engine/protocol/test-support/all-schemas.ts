import { API_TABLES } from '../apis/index';
import type { MessageSchema } from '../schema';
import { ConsumerProtocolAssignmentSchema, ConsumerProtocolSubscriptionSchema } from '../schemas/consumer-protocol';
import { GroupMetadataKeySchema, GroupMetadataValueSchema, OffsetCommitKeySchema, OffsetCommitValueSchema } from '../schemas/group-records';
import { RequestHeaderSchema, ResponseHeaderSchema } from '../schemas/headers';

/** Every schema the project defines: each API's request and response, and the non-RPC ones. */
export const ALL_SCHEMAS: readonly MessageSchema[] = [
  ...Object.values(API_TABLES).flatMap((t) => [t.request, t.response]),
  ConsumerProtocolSubscriptionSchema,
  ConsumerProtocolAssignmentSchema,
  OffsetCommitKeySchema,
  OffsetCommitValueSchema,
  GroupMetadataKeySchema,
  GroupMetadataValueSchema,
  RequestHeaderSchema,
  ResponseHeaderSchema,
];
