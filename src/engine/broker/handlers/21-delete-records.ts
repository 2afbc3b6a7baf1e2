// DeleteRecords (key 21), v0-2 (KIP-107): moves each partition's log start offset up to the given
// offset on its leader (-1 = the high watermark; above it is OFFSET_OUT_OF_RANGE) and answers the
// new low watermark. Fetches below it then get OFFSET_OUT_OF_RANGE; retention removes the segments.
// With one replica there is nothing to wait for, so timeoutMs is not used.
import { ApiKey } from '../../protocol/api-keys';
import type { ApiHandler } from '../../network/api-handler';
import { codeOf } from '../kafka-error';
import type { ReplicaManager } from '../replica-manager';

export function deleteRecordsHandler(replicaManager: Pick<ReplicaManager, 'deleteRecords'>): ApiHandler<typeof ApiKey.DeleteRecords> {
  return {
    apiKey: ApiKey.DeleteRecords,
    minVersion: 0,
    maxVersion: 2,
    handle(_context, request) {
      return {
        throttleTimeMs: 0,
        topics: request.topics.map((topic) => ({
          name: topic.name,
          partitions: topic.partitions.map((p) => {
            const result = replicaManager.deleteRecords(topic.name, p.partitionIndex, Number(p.offset));
            return { partitionIndex: p.partitionIndex, lowWatermark: BigInt(result.lowWatermark), errorCode: codeOf(result.error) };
          }),
        })),
      };
    },
  };
}
