// WriteTxnMarkers (key 27), v0-1: from a transaction coordinator to this broker as partition
// leader. Each marker is appended as a control batch and answered once the high watermark passed
// it (acks=all), so a marker the coordinator counts as written survives a leader change. A COMMIT
// or ABORT on a __consumer_offsets partition also settles that producer's pending offset commits.
import type { Logger } from '../../logger';
import { ApiKey } from '../../protocol/api-keys';
import type { WriteTxnMarkersResponseInput } from '../../protocol/apis';
import type { ApiHandler } from '../../network/api-handler';
import { codeOf, type KafkaErrorName } from '../kafka-error';
import type { ReplicaManager } from '../replica-manager';
import { appendTxnMarkerToLeader } from '../txn-marker-append';

const REPLICATION_TIMEOUT_MS = 30_000;

export interface WriteTxnMarkersDeps {
  replicaManager: ReplicaManager;
  logger: Logger;
  /** Told of each marker that is in (and replicated on) a partition of this broker. */
  onMarkerWritten(topic: string, partition: number, producerId: bigint, commit: boolean): void;
}

export function writeTxnMarkersHandler(deps: WriteTxnMarkersDeps): ApiHandler<typeof ApiKey.WriteTxnMarkers> {
  return {
    apiKey: ApiKey.WriteTxnMarkers,
    minVersion: 0,
    maxVersion: 1,
    async handle(_context, request): Promise<WriteTxnMarkersResponseInput> {
      const markers = await Promise.all(
        request.markers.map(async (marker) => {
          const appended = marker.topics.flatMap((t) =>
            t.partitionIndexes.map((partition) => ({
              topic: t.name,
              partition,
              result: appendTxnMarkerToLeader(
                deps.replicaManager,
                { topic: t.name, partition, producerId: marker.producerId, producerEpoch: marker.producerEpoch, commit: marker.transactionResult, coordinatorEpoch: marker.coordinatorEpoch },
                deps.logger,
              ),
            })),
          );
          const waits = appended
            .filter((a) => a.result.error === 'NONE')
            .map((a) => ({ topic: a.topic, partition: a.partition, requiredOffset: a.result.offset + 1, leaderEpoch: a.result.leaderEpoch }));
          const outcomes = await deps.replicaManager.awaitReplication(waits, REPLICATION_TIMEOUT_MS);
          const errorOf = (a: (typeof appended)[number]): KafkaErrorName => {
            if (a.result.error !== 'NONE') return a.result.error;
            return outcomes.get(`${a.topic}-${a.partition}`)?.error ?? 'REQUEST_TIMED_OUT';
          };
          const byTopic = new Map<string, { partitionIndex: number; errorCode: number }[]>();
          for (const a of appended) {
            const error = errorOf(a);
            if (error === 'NONE') deps.onMarkerWritten(a.topic, a.partition, marker.producerId, marker.transactionResult);
            let list = byTopic.get(a.topic);
            if (!list) byTopic.set(a.topic, (list = []));
            list.push({ partitionIndex: a.partition, errorCode: codeOf(error) });
          }
          return { producerId: marker.producerId, topics: [...byTopic].map(([name, partitions]) => ({ name, partitions })) };
        }),
      );
      return { markers };
    },
  };
}
