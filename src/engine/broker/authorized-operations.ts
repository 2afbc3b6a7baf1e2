// What a client may do with a resource, as Metadata, DescribeGroups and DescribeCluster report it.
// The engine has no authorizer, so — as Kafka's AuthHelper.authorizedOperations does without one —
// every operation that applies to the resource type (AclEntry.supportedOperations) is allowed.

/** AclOperation codes (org.apache.kafka.common.acl.AclOperation). */
const AclOperation = {
  READ: 3,
  WRITE: 4,
  CREATE: 5,
  DELETE: 6,
  ALTER: 7,
  DESCRIBE: 8,
  CLUSTER_ACTION: 9,
  DESCRIBE_CONFIGS: 10,
  ALTER_CONFIGS: 11,
  IDEMPOTENT_WRITE: 12,
} as const;

/** The schemas' default: the client did not ask for authorized operations. */
export const OPERATIONS_NOT_REQUESTED = -2147483648;

/** Utils.to32BitField: bit n set for operation code n. */
function to32BitField(codes: readonly number[]): number {
  return codes.reduce((bits, code) => bits | (1 << code), 0);
}

const { READ, WRITE, CREATE, DELETE, ALTER, DESCRIBE, CLUSTER_ACTION, DESCRIBE_CONFIGS, ALTER_CONFIGS, IDEMPOTENT_WRITE } = AclOperation;

export const TOPIC_OPERATIONS = to32BitField([READ, WRITE, CREATE, DESCRIBE, DELETE, ALTER, DESCRIBE_CONFIGS, ALTER_CONFIGS]);
export const GROUP_OPERATIONS = to32BitField([READ, DESCRIBE, DELETE]);
export const CLUSTER_OPERATIONS = to32BitField([CREATE, CLUSTER_ACTION, DESCRIBE_CONFIGS, ALTER_CONFIGS, IDEMPOTENT_WRITE, ALTER, DESCRIBE]);
