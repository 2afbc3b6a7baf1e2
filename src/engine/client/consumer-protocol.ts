import { Reader } from '../protocol/reader';

/** A member's partitions as the classic "consumer" protocol encodes them (ConsumerProtocolAssignment). */
export interface MemberAssignment {
  partitions: Array<{ topic: string; partitions: number[] }>;
}

/**
 * Decodes a "consumer"-protocol assignment (any version: later versions only append fields, which
 * are left unread). Returns null for bytes that are not one, as other protocol types carry their
 * own formats.
 */
export function decodeMemberAssignment(bytes: Buffer): MemberAssignment | null {
  if (bytes.length === 0) return { partitions: [] };
  try {
    const r = new Reader(bytes);
    const version = r.int16();
    if (version < 0) return null;
    const topicCount = r.arrayLength() ?? 0;
    const partitions: MemberAssignment['partitions'] = [];
    for (let i = 0; i < topicCount; i++) {
      const topic = r.string();
      const n = r.arrayLength() ?? 0;
      const list: number[] = [];
      for (let j = 0; j < n; j++) list.push(r.int32());
      partitions.push({ topic, partitions: list });
    }
    return { partitions };
  } catch {
    return null;
  }
}
