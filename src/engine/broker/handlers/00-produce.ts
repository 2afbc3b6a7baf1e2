// Produce (key 0). v3+ carries record batch v2 and is served; v0-2 (legacy message sets) are
// advertised only so librdkafka turns on its features (CLIENTS.md) and answer
// UNSUPPORTED_FOR_MESSAGE_FORMAT. acks=0 gets no response at all. A transactional batch that would
// open a transaction on a partition is first verified with the transaction's coordinator (KIP-890).
import { ApiKey } from '../../protocol/api-keys';
import type { ProduceResponseInput } from '../../protocol/apis';
import { NO_RESPONSE, type ApiHandler } from '../../network/api-handler';
import { isInternalTopic } from '../../controller/topic-names';
import { codeOf, type KafkaErrorName } from '../kafka-error';
import type { ProduceResult, ReplicaManager } from '../replica-manager';
import type { TransactionalBatchRef, TxnPartitionVerifier } from '../txn-partition-verifier';
import { BATCH_HEADER_SIZE, BatchAttribute, readBatchHeader } from '../../protocol/record-batch-header';

type PartitionResponse = ProduceResponseInput['responses'][number]['partitionResponses'][number];

function failed(index: number, error: KafkaErrorName, message: string): PartitionResponse {
  return { index, errorCode: codeOf(error), errorMessage: message, baseOffset: -1n, logAppendTimeMs: -1n, logStartOffset: -1n };
}

function answered(index: number, r: ProduceResult): PartitionResponse {
  return {
    index,
    errorCode: codeOf(r.error),
    errorMessage: r.errorMessage,
    baseOffset: BigInt(r.baseOffset),
    logAppendTimeMs: BigInt(r.logAppendTime),
    logStartOffset: BigInt(r.logStartOffset),
    recordErrors: r.recordErrors,
  };
}

function refused(error: KafkaErrorName, message: string): ProduceResult {
  return { error, errorMessage: message, baseOffset: -1, lastOffset: -1, logAppendTime: -1, logStartOffset: -1, recordErrors: [] };
}

/** acks=all: each successful append waits for the high watermark (DelayedProduce); its outcome replaces the result's error. */
async function waitForIsr(replicaManager: ReplicaManager, appended: { topic: string; index: number; result: ProduceResult }[], timeoutMs: number): Promise<void> {
  const ok = appended.filter((a) => a.result.error === 'NONE');
  const waits = ok.map((a) => ({
    topic: a.topic,
    partition: a.index,
    requiredOffset: a.result.lastOffset + 1,
    leaderEpoch: replicaManager.getPartition(a.topic, a.index)?.leaderEpoch ?? -1,
  }));
  const outcomes = await replicaManager.awaitReplication(waits, Math.max(0, timeoutMs));
  for (const a of ok) {
    const outcome = outcomes.get(`${a.topic}-${a.index}`);
    if (outcome && outcome.error !== 'NONE') a.result = { ...a.result, error: outcome.error, errorMessage: outcome.message };
  }
}

/** The producer fields of a transactional batch, or null for any other (or unreadable) records. */
function transactionalBatchOf(records: Buffer | null, transactionalId: string | null): TransactionalBatchRef | null {
  if (transactionalId === null || records === null || records.length < BATCH_HEADER_SIZE) return null;
  const h = readBatchHeader(records, 0);
  if ((h.attributes & BatchAttribute.Transactional) === 0) return null;
  return { transactionalId, producerId: h.producerId, producerEpoch: h.producerEpoch };
}

export function produceHandler(replicaManager: ReplicaManager, verifier?: Pick<TxnPartitionVerifier, 'verify'>): ApiHandler<typeof ApiKey.Produce> {
  return {
    apiKey: ApiKey.Produce,
    minVersion: 0,
    maxVersion: 11,
    async handle(context, request) {
      const version = context.header.apiVersion;
      const refuse = (error: KafkaErrorName, message: string): ProduceResponseInput => ({
        responses: request.topicData.map((t) => ({
          name: t.name,
          partitionResponses: t.partitionData.map((p) => failed(p.index, error, message)),
        })),
        throttleTimeMs: 0,
      });
      let response: ProduceResponseInput;
      if (version < 3) {
        response = refuse('UNSUPPORTED_FOR_MESSAGE_FORMAT', 'Produce v0-2 (message format v0/v1) is not supported; use v3 or later');
      } else if (request.acks !== 0 && request.acks !== 1 && request.acks !== -1) {
        response = refuse('INVALID_REQUIRED_ACKS', `acks must be 0, 1 or -1, got ${request.acks}`);
      } else {
        const appended: { topic: string; index: number; result: ProduceResult }[] = [];
        for (const topic of request.topicData) {
          for (const p of topic.partitionData) {
            // Only the coordinators write the internal topics (Kafka's internalTopicsAllowed=false for clients).
            let result: ProduceResult;
            if (isInternalTopic(topic.name)) {
              result = refused('INVALID_TOPIC_EXCEPTION', `Cannot append to internal topic ${topic.name}`);
            } else {
              const txn = transactionalBatchOf(p.records, request.transactionalId);
              const partition = txn && verifier ? replicaManager.getPartition(topic.name, p.index) : undefined;
              const verified = partition?.isLeader && txn && verifier ? await verifier.verify(partition, txn) : 'NONE';
              result =
                verified === 'NONE'
                  ? await replicaManager.appendToLeader(topic.name, p.index, p.records, version, request.acks)
                  : refused(verified, `The transactional batch of producer ${txn?.producerId} for ${topic.name}-${p.index} was not verified by its coordinator: ${verified}`);
            }
            appended.push({ topic: topic.name, index: p.index, result });
          }
        }
        if (request.acks === -1) await waitForIsr(replicaManager, appended, request.timeoutMs);
        const responses: ProduceResponseInput['responses'] = request.topicData.map((topic) => ({
          name: topic.name,
          partitionResponses: appended.filter((a) => a.topic === topic.name).map((a) => answered(a.index, a.result)),
        }));
        response = { responses, throttleTimeMs: 0 };
      }
      return request.acks === 0 ? NO_RESPONSE : response;
    },
  };
}
