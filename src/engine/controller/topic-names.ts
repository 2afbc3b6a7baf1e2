/** Topic name rules of Kafka 3.9's org.apache.kafka.common.internals.Topic, with its messages. */
export const MAX_TOPIC_NAME_LENGTH = 249;
export const CLUSTER_METADATA_TOPIC_NAME = '__cluster_metadata';
export const GROUP_METADATA_TOPIC_NAME = '__consumer_offsets';
export const TRANSACTION_STATE_TOPIC_NAME = '__transaction_state';
const INTERNAL_TOPICS = new Set([GROUP_METADATA_TOPIC_NAME, TRANSACTION_STATE_TOPIC_NAME]);
const LEGAL = /^[a-zA-Z0-9._-]+$/;

/** The reason a name is illegal, in Kafka's words, or null when it is legal. */
export function topicNameError(name: string): string | null {
  if (name.length === 0) return "Topic name is illegal, it can't be empty";
  if (name === '.' || name === '..') return 'Topic name cannot be "." or ".."';
  if (name.length > MAX_TOPIC_NAME_LENGTH) {
    return `Topic name is illegal, it can't be longer than ${MAX_TOPIC_NAME_LENGTH} characters, topic name: ${name}`;
  }
  if (!LEGAL.test(name)) {
    return `Topic name "${name}" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'`;
  }
  return null;
}

export function isInternalTopic(name: string): boolean {
  return INTERNAL_TOPICS.has(name);
}

/** Names with '.' or '_' can collide in metric names, where '.' becomes '_'. */
export function hasCollisionChars(name: string): boolean {
  return name.includes('.') || name.includes('_');
}

export function unifyCollisionChars(name: string): string {
  return name.replaceAll('.', '_');
}

/** An existing topic name that collides with `name` (differs only in '.' vs '_'), or null. */
export function collidingTopic(existing: Iterable<string>, name: string): string | null {
  if (!hasCollisionChars(name)) return null;
  const unified = unifyCollisionChars(name);
  let found: string | null = null;
  for (const other of existing) {
    if (other !== name && hasCollisionChars(other) && unifyCollisionChars(other) === unified) {
      // Deterministic where Kafka picks any member of a set: the least name.
      if (found === null || other < found) found = other;
    }
  }
  return found;
}
