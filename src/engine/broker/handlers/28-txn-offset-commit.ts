// TxnOffsetCommit (key 28), v0-4: a transactional producer's offsets for a group, sent to the
// group's coordinator after AddOffsetsToTxn; they stay pending until the transaction's marker.
import { ApiKey } from '../../protocol/api-keys';
import type { TxnOffsetCommitResponseInput } from '../../protocol/apis';
import type { ApiHandler } from '../../network/api-handler';
import type { GroupCoordinatorManager } from '../group-coordinator-manager';

export function txnOffsetCommitHandler(groups: Pick<GroupCoordinatorManager, 'lookup'>): ApiHandler<typeof ApiKey.TxnOffsetCommit> {
  return {
    apiKey: ApiKey.TxnOffsetCommit,
    minVersion: 0,
    maxVersion: 4,
    async handle(_context, request): Promise<TxnOffsetCommitResponseInput> {
      const found = groups.lookup(request.groupId);
      if ('errorCode' in found) {
        return {
          throttleTimeMs: 0,
          topics: request.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: found.errorCode })) })),
        };
      }
      return found.coordinator.txnOffsetCommit(request);
    },
  };
}
