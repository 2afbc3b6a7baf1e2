// Fetch (key 1) on the controller's listener serves one partition: __cluster_metadata-0, the
// metadata log, to brokers (KRaft's followers fetch it the same way). A broker behind what the
// controller holds in memory gets the whole image as one batch with SnapshotId set to the image's
// offset, where KRaft would send it to FetchSnapshot; it then continues with ordinary fetches.
import { ApiKey } from '../../protocol/api-keys';
import type { FetchResponseInput } from '../../protocol/apis';
import { ErrorCode } from '../../protocol/errors';
import type { ApiHandler } from '../../network/api-handler';
import type { DelayedOperationPurgatory } from '../../network/delayed-operation-purgatory';
import type { Controller } from '../controller';
import { encodeMetadataBatch } from '../metadata-batch';
import { imageToRecords } from '../image-records';

export const METADATA_TOPIC = '__cluster_metadata';
/** Kafka's fixed id of the metadata topic (Uuid.METADATA_TOPIC_ID = 0…01). */
export const METADATA_TOPIC_ID = 'AAAAAAAAAAAAAAAAAAAAAQ';
export const METADATA_WATCH_KEY = `${METADATA_TOPIC}-0`;
const MAX_WAIT_CAP_MS = 5000;

export function metadataFetchHandler(controller: Controller, purgatory: DelayedOperationPurgatory): ApiHandler<typeof ApiKey.Fetch> {
  return {
    apiKey: ApiKey.Fetch,
    minVersion: 12,
    maxVersion: 17,
    async handle(context, request) {
      const version = context.header.apiVersion;
      const topic = request.topics[0];
      const partition = topic?.partitions[0];
      const named = version >= 13 ? topic?.topicId === METADATA_TOPIC_ID : topic?.topic === METADATA_TOPIC;
      if (!topic || !partition || !named || partition.partition !== 0 || request.topics.length > 1 || topic.partitions.length > 1) {
        return { throttleTimeMs: 0, errorCode: ErrorCode.INVALID_REQUEST, sessionId: 0, responses: [] };
      }
      const fetchOffset = Number(partition.fetchOffset);
      const answer = (): FetchResponseInput => {
        const image = controller.image();
        const read = controller.readMetadata(fetchOffset);
        const body = {
          partitionIndex: 0,
          errorCode: ErrorCode.NONE,
          highWatermark: BigInt(image.offset + 1),
          lastStableOffset: BigInt(image.offset + 1),
          logStartOffset: 0n,
          preferredReadReplica: -1,
          abortedTransactions: null,
          snapshotId: { endOffset: -1n, epoch: -1 },
          records: null as Buffer | null,
        };
        if (read.kind === 'image') {
          body.snapshotId = { endOffset: BigInt(read.image.offset), epoch: 1 };
          body.records = encodeMetadataBatch(0, Date.now(), imageToRecords(read.image));
        } else {
          body.records = Buffer.concat(read.batches);
        }
        return {
          throttleTimeMs: 0,
          errorCode: ErrorCode.NONE,
          sessionId: 0,
          responses: [{ topic: METADATA_TOPIC, topicId: METADATA_TOPIC_ID, partitions: [body] }],
        };
      };
      if (fetchOffset <= controller.image().offset || request.maxWaitMs <= 0) return answer();
      return new Promise<FetchResponseInput>((resolve) => {
        purgatory.tryCompleteElseWatch(
          {
            keys: [METADATA_WATCH_KEY],
            tryComplete: () => {
              if (fetchOffset > controller.image().offset) return false;
              resolve(answer());
              return true;
            },
            expire: () => resolve(answer()),
          },
          Math.min(request.maxWaitMs, MAX_WAIT_CAP_MS),
        );
      });
    },
  };
}
