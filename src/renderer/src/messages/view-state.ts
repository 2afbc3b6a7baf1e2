// The Messages view as route parameters, so a view reloads and can be shared:
// `#/messages?topic=orders&p=0,2&start=offset&offset=40&limit=100&kd=utf8&vd=json&iso=read_committed`.
// The same parameters serve the Messages tab of a topic's detail (there the topic is in the path).
import type { DecoderKind, DecoderSpec, IsolationLevelName, MessagesReadRequest, ReadOrder, ReadStart } from '../../../shared/messages-types';
import { DECODER_KINDS } from '../../../shared/messages-types';

export const START_KINDS = ['newest', 'earliest', 'offset', 'time', 'group'] as const;
export type StartKind = (typeof START_KINDS)[number];

export interface MessagesView {
  /** Empty: all partitions. */
  partitions: number[];
  start: StartKind;
  /** Newest N of each partition. */
  newest: number;
  offset: number;
  /** Epoch milliseconds. */
  time: number | null;
  group: string;
  limit: number;
  keyDecoder: DecoderKind | null;
  valueDecoder: DecoderKind | null;
  /** Avro / Protobuf: the schema file (a path on the engine host's machine) and message type. */
  keySchema: SchemaChoice;
  valueSchema: SchemaChoice;
  isolation: IsolationLevelName;
  /** Partitions merged by timestamp, or one after another. */
  order: ReadOrder;
  live: boolean;
  /** The record in the drawer, `partition/offset`. */
  selected: string | null;
}

export interface SchemaChoice {
  file: string;
  messageType: string;
  /** The Confluent wire format (magic byte, schema id) before the payload. */
  confluent: boolean;
}

export const NO_SCHEMA: SchemaChoice = { file: '', messageType: '', confluent: false };

export const DEFAULT_NEWEST = 20;
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 5000;
/** The live tail keeps at most this many rows, newest first. */
export const LIVE_WINDOW = 1000;

function int(s: string | undefined, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (s === undefined || !/^-?\d+$/.test(s)) return fallback;
  return Math.min(max, Math.max(min, Number(s)));
}

function decoder(s: string | undefined): DecoderKind | null {
  return s !== undefined && (DECODER_KINDS as readonly string[]).includes(s) ? (s as DecoderKind) : null;
}

function schema(params: Readonly<Record<string, string>>, prefix: 'k' | 'v'): SchemaChoice {
  return { file: params[`${prefix}s`] ?? '', messageType: params[`${prefix}t`] ?? '', confluent: params[`${prefix}c`] === '1' };
}

function schemaParams(c: SchemaChoice, prefix: 'k' | 'v', kind: DecoderKind | null): Record<string, string | undefined> {
  const withFile = kind === 'avro' || kind === 'protobuf';
  return {
    [`${prefix}s`]: withFile && c.file ? c.file : undefined,
    [`${prefix}t`]: kind === 'protobuf' && c.messageType ? c.messageType : undefined,
    [`${prefix}c`]: kind !== null && c.confluent ? '1' : undefined,
  };
}

/** The decoder a read asks for; null when none is chosen, or a schema decoder has no file yet. */
export function decoderSpec(kind: DecoderKind | null, c: SchemaChoice): DecoderSpec | null {
  if (kind === null) return null;
  const confluent = c.confluent ? { confluent: true } : {};
  if (kind === 'avro') return c.file ? { kind, schemaFile: c.file, ...confluent } : null;
  if (kind === 'protobuf') return c.file && c.messageType ? { kind, schemaFile: c.file, messageType: c.messageType, ...confluent } : null;
  return { kind, ...confluent };
}

export function parsePartitions(s: string | undefined): number[] {
  if (!s) return [];
  const out = new Set<number>();
  for (const part of s.split(',')) if (/^\d+$/.test(part.trim())) out.add(Number(part.trim()));
  return [...out].sort((a, b) => a - b);
}

export function parseView(params: Readonly<Record<string, string>>): MessagesView {
  const start = (START_KINDS as readonly string[]).includes(params['start'] ?? '') ? (params['start'] as StartKind) : 'newest';
  const time = params['time'] !== undefined && /^\d+$/.test(params['time']) ? Number(params['time']) : null;
  return {
    partitions: parsePartitions(params['p']),
    start,
    newest: int(params['n'], DEFAULT_NEWEST, 1, MAX_LIMIT),
    offset: int(params['offset'], 0, 0),
    time,
    group: params['group'] ?? '',
    limit: int(params['limit'], DEFAULT_LIMIT, 1, MAX_LIMIT),
    keyDecoder: decoder(params['kd']),
    valueDecoder: decoder(params['vd']),
    keySchema: schema(params, 'k'),
    valueSchema: schema(params, 'v'),
    isolation: params['iso'] === 'read_committed' ? 'read_committed' : 'read_uncommitted',
    order: params['order'] === 'partition' ? 'partition' : 'timestamp',
    live: params['live'] === '1',
    selected: params['sel'] && /^\d+\/\d+$/.test(params['sel']) ? params['sel'] : null,
  };
}

/** The route parameters of a view; defaults are left out so URLs stay short. */
export function viewParams(v: MessagesView): Record<string, string | undefined> {
  return {
    p: v.partitions.length ? v.partitions.join(',') : undefined,
    start: v.start === 'newest' ? undefined : v.start,
    n: v.start === 'newest' && v.newest !== DEFAULT_NEWEST ? String(v.newest) : undefined,
    offset: v.start === 'offset' ? String(v.offset) : undefined,
    time: v.start === 'time' && v.time !== null ? String(v.time) : undefined,
    group: v.start === 'group' && v.group ? v.group : undefined,
    limit: v.limit !== DEFAULT_LIMIT ? String(v.limit) : undefined,
    kd: v.keyDecoder ?? undefined,
    vd: v.valueDecoder ?? undefined,
    ...schemaParams(v.keySchema, 'k', v.keyDecoder),
    ...schemaParams(v.valueSchema, 'v', v.valueDecoder),
    iso: v.isolation === 'read_committed' ? v.isolation : undefined,
    order: v.order === 'partition' ? v.order : undefined,
    live: v.live ? '1' : undefined,
    sel: v.selected ?? undefined,
  };
}

export function readStart(v: MessagesView): ReadStart {
  switch (v.start) {
    case 'earliest':
      return { kind: 'earliest' };
    case 'offset':
      return { kind: 'offset', offset: v.offset };
    case 'time':
      return { kind: 'timestamp', timestamp: v.time ?? Date.now() };
    case 'group':
      return { kind: 'group', group: v.group };
    default:
      return { kind: 'latest', count: v.newest };
  }
}

/** What the view asks `messages:read`; null while the start is incomplete (a group not named yet). */
export function readRequest(topic: string, v: MessagesView): MessagesReadRequest | null {
  if (v.start === 'group' && !v.group) return null;
  const req: MessagesReadRequest = { topic, start: readStart(v), limit: v.limit, isolationLevel: v.isolation };
  if (v.partitions.length) req.partitions = v.partitions;
  if (v.order === 'partition') req.order = 'partition';
  const key = decoderSpec(v.keyDecoder, v.keySchema);
  const value = decoderSpec(v.valueDecoder, v.valueSchema);
  if (key || value) req.decoders = { ...(key ? { key } : {}), ...(value ? { value } : {}) };
  return req;
}

/** A record's id in the table and in `sel`. */
export function recordId(r: { partition: number; offset: number }): string {
  return `${r.partition}/${r.offset}`;
}

/** New tail records go on top, newest first; the window keeps the newest `max`. */
export function mergeTail<T extends { timestamp: number; partition: number; offset: number }>(rows: readonly T[], fresh: readonly T[], max = LIVE_WINDOW): T[] {
  const incoming = [...fresh].sort((a, b) => b.timestamp - a.timestamp || b.partition - a.partition || b.offset - a.offset);
  return [...incoming, ...rows].slice(0, max);
}
