// Topic setup through an independent client (kafkajs's admin: CreateTopics, ListOffsets,
// DeleteTopics). kcat cannot create a topic with a partition count, and relying on auto-creation
// would tie every topic to one broker-wide num.partitions.
import kafkajs from 'kafkajs';

const { Kafka, logLevel } = kafkajs;

export async function connectAdmin(bootstrapServers) {
  const kafka = new Kafka({
    clientId: 'brokerlab-bench',
    brokers: bootstrapServers.split(','),
    logLevel: logLevel.NOTHING,
    retry: { retries: 5, initialRetryTime: 50 },
  });
  const admin = kafka.admin();
  await admin.connect();
  return admin;
}

/**
 * CreateTopics, then metadata polled every few ms until every partition has a leader. kafkajs's own
 * `waitForLeaders` backs off ~100 ms before its first look, which would swamp start-to-ready.
 */
export async function createTopic(admin, topic, partitions, timeoutMs = 10_000, replicationFactor = 1) {
  const created = await admin.createTopics({
    topics: [{ topic, numPartitions: partitions, replicationFactor }],
    waitForLeaders: false,
    timeout: timeoutMs,
  });
  if (!created) throw new Error(`topic ${topic} already existed`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const leaders = await partitionLeaders(admin, topic);
    if (leaders.length === partitions && leaders.every((leader) => leader >= 0)) return;
    if (Date.now() > deadline) throw new Error(`topic ${topic}: partitions without a leader after ${timeoutMs} ms (${leaders.join(',')})`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

async function partitionLeaders(admin, topic) {
  try {
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    return topics[0]?.partitions.map((p) => p.leader) ?? [];
  } catch {
    return [];
  }
}

/** Sum of the partitions' high watermarks: after a produce run, exactly the records acknowledged. */
export async function topicRecordCount(admin, topic) {
  const offsets = await admin.fetchTopicOffsets(topic);
  return offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
}

/** Deletes a finished run's topic so the broker carries no growing state into the next run. */
export async function deleteTopic(admin, topic) {
  try {
    await admin.deleteTopics({ topics: [topic], timeout: 10_000 });
    return null;
  } catch (err) {
    return `DeleteTopics ${topic}: ${err instanceof Error ? err.message : String(err)}`;
  }
}
