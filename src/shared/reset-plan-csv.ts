// Kafka's reset plan CSV (`kafka-consumer-groups.sh --from-file` / `--export`), shared by the
// engine, the CLI and the console's reset wizard so a file is read one way everywhere. Pure.
import type { ResetPlanEntry } from './groups-types';

/** Bad reset input or a reset that cannot be planned; carries a message fit for a user. */
export class OffsetResetError extends Error {
  override readonly name = 'OffsetResetError';
}

const LEGAL_TOPIC = /^[a-zA-Z0-9._-]{1,249}$/;

/**
 * Reads a reset plan in Kafka's CSV: `topic,partition,offset` lines for one group, or
 * `group,topic,partition,offset` lines (then only `groupId`'s lines count). The format is decided
 * by the first line, as Kafka's tool does. No header line.
 */
export function parseResetPlanCsv(text: string, groupId: string): ResetPlanEntry[] {
  const lines = text.split(/\r?\n/).map((l, i) => ({ no: i + 1, fields: l.split(',').map((f) => f.trim()) })).filter((l) => l.fields.join('') !== '');
  if (lines.length === 0) throw new OffsetResetError('the reset plan file is empty');
  const width = lines[0]!.fields.length;
  if (width !== 3 && width !== 4) throw new OffsetResetError(`reset plan line 1: expected topic,partition,offset or group,topic,partition,offset`);
  const out: ResetPlanEntry[] = [];
  const seen = new Set<string>();
  for (const { no, fields } of lines) {
    if (fields.length !== width) throw new OffsetResetError(`reset plan line ${no}: expected ${width} fields like line 1, got ${fields.length}`);
    const [group, topic, partition, offset] = width === 4 ? fields : [groupId, ...fields];
    if (!LEGAL_TOPIC.test(topic!)) throw new OffsetResetError(`reset plan line ${no}: invalid topic name '${topic}'`);
    if (!/^\d+$/.test(partition!)) throw new OffsetResetError(`reset plan line ${no}: invalid partition '${partition}'`);
    if (!/^-?\d+$/.test(offset!) || !Number.isSafeInteger(Number(offset))) throw new OffsetResetError(`reset plan line ${no}: invalid offset '${offset}'`);
    if (group !== groupId) continue;
    const key = `${topic}:${partition}`;
    if (seen.has(key)) throw new OffsetResetError(`reset plan line ${no}: ${topic}-${partition} appears twice`);
    seen.add(key);
    out.push({ topic: topic!, partition: Number(partition), offset: Number(offset) });
  }
  if (out.length === 0) throw new OffsetResetError(`no reset plan for group ${groupId} found`);
  return out;
}

/** Kafka's `--export` CSV: `topic,partition,offset` per line, or with a group column for several groups. */
export function formatResetPlanCsv(rows: ReadonlyArray<{ topic: string; partition: number; targetOffset: number }>, groupId?: string): string {
  return rows.map((r) => `${groupId !== undefined ? `${groupId},` : ''}${r.topic},${r.partition},${r.targetOffset}\n`).join('');
}
