import type { MetadataImage } from './metadata-image';
import type { MetadataRecord } from './metadata-records';

/**
 * The records that rebuild `image` from nothing: the content of a snapshot. Folding them gives back an
 * image equal to `image` (apart from `offset`, which the snapshot's file name carries).
 */
export function imageToRecords(image: MetadataImage): MetadataRecord[] {
  const out: MetadataRecord[] = [];
  if (image.clusterId !== null) out.push({ type: 'ClusterIdRecord', version: 0, clusterId: image.clusterId });
  for (const b of [...image.brokers.values()].sort((x, y) => x.brokerId - y.brokerId)) {
    out.push({
      type: 'RegisterBrokerRecord',
      version: 0,
      brokerId: b.brokerId,
      incarnationId: b.incarnationId,
      brokerEpoch: b.brokerEpoch,
      endpoints: b.endpoints.map((e) => ({ ...e })),
      rack: b.rack,
      fenced: b.fenced,
    });
  }
  for (const [resourceName, configs] of image.brokerConfigs) {
    for (const [name, value] of configs) out.push({ type: 'ConfigRecord', version: 0, resourceType: 'BROKER', resourceName, name, value });
  }
  for (const topic of image.topicsById.values()) {
    out.push({ type: 'TopicRecord', version: 0, name: topic.name, topicId: topic.topicId });
    for (const [name, value] of image.topicConfigs.get(topic.name) ?? []) {
      out.push({ type: 'ConfigRecord', version: 0, resourceType: 'TOPIC', resourceName: topic.name, name, value });
    }
    for (const [partitionId, p] of [...topic.partitions].sort((x, y) => x[0] - y[0])) {
      out.push({
        type: 'PartitionRecord',
        version: 0,
        partitionId,
        topicId: topic.topicId,
        replicas: [...p.replicas],
        isr: [...p.isr],
        leader: p.leader,
        leaderEpoch: p.leaderEpoch,
        partitionEpoch: p.partitionEpoch,
        ...(p.addingReplicas?.length ? { addingReplicas: [...p.addingReplicas] } : {}),
        ...(p.removingReplicas?.length ? { removingReplicas: [...p.removingReplicas] } : {}),
      });
    }
  }
  if (image.nextProducerId > 0) {
    // The broker fields only describe who took the last block; the fold keeps just the high mark.
    out.push({ type: 'ProducerIdsRecord', version: 0, brokerId: -1, brokerEpoch: -1, nextProducerId: image.nextProducerId });
  }
  return out;
}
