// Kafka's __consumer_offsets records read as the group coordinator writes them: keys name an
// offset commit (group, topic, partition) or a group's metadata; values are the commit or the
// group with its members, whose consumer-protocol assignments are decoded too.
import { decodeMemberAssignment } from '../../../client/consumer-protocol';
import { decodeGroupMetadataValue, decodeGroupRecordKey, decodeOffsetCommitValue, type GroupRecordKey } from '../../../group/group-records-codec';
import { DecodeError, type DecodedForm } from './plain-decoders';
import { toTree, treeText } from './tree-value';

export const CONSUMER_OFFSETS_TOPIC = '__consumer_offsets';

function keyOf(bytes: Buffer): GroupRecordKey {
  try {
    return decodeGroupRecordKey(bytes);
  } catch (err) {
    throw new DecodeError(`not a __consumer_offsets key: ${(err as Error).message}`);
  }
}

export function decodeConsumerOffsetsKey(bytes: Buffer): DecodedForm {
  const key = keyOf(bytes);
  const tree =
    key.kind === 'offsetCommit'
      ? { type: 'offset commit', group: key.group, topic: key.topic, partition: key.partition }
      : key.kind === 'groupMetadata'
        ? { type: 'group metadata', group: key.group }
        : { type: `record of key version ${key.version} (the KIP-848 coordinator)` };
  return { decoder: 'consumer-offsets', text: treeText(tree), tree };
}

/** A value needs its key: the key's version says which record the value is. */
export function decodeConsumerOffsetsValue(bytes: Buffer, keyBytes: Buffer | null): DecodedForm {
  if (!keyBytes) throw new DecodeError('a __consumer_offsets value needs its key, and this record has none');
  const key = keyOf(keyBytes);
  try {
    if (key.kind === 'offsetCommit') {
      const v = decodeOffsetCommitValue(bytes);
      const tree = toTree({
        type: 'offset commit',
        version: v.version,
        offset: v.offset,
        leaderEpoch: v.leaderEpoch,
        metadata: v.metadata,
        commitTimestamp: v.commitTimestamp,
        expireTimestamp: v.expireTimestamp,
      });
      return { decoder: 'consumer-offsets', text: treeText(tree), tree };
    }
    if (key.kind === 'groupMetadata') {
      const v = decodeGroupMetadataValue(bytes);
      const tree = toTree({
        type: 'group metadata',
        ...v,
        members: v.members.map((m) => ({
          ...m,
          assignment: v.protocolType === 'consumer' ? (decodeMemberAssignment(m.assignment) ?? m.assignment) : m.assignment,
        })),
      });
      return { decoder: 'consumer-offsets', text: treeText(tree), tree };
    }
  } catch (err) {
    if (err instanceof DecodeError) throw err;
    throw new DecodeError(`not a __consumer_offsets value: ${(err as Error).message}`);
  }
  throw new DecodeError(`key version ${key.version} belongs to the KIP-848 coordinator, whose records are not decoded here`);
}
