import { randomUUID } from 'node:crypto';
import { join } from 'node:path';

/**
 * Kafka's file and folder names (LogFileUtils, LocalLog): 20-digit zero-padded base offsets so a
 * plain `ls` lists segments in offset order.
 */
export const LOG_FILE_SUFFIX = '.log';
export const INDEX_FILE_SUFFIX = '.index';
export const TIME_INDEX_FILE_SUFFIX = '.timeindex';
export const TXN_INDEX_FILE_SUFFIX = '.txnindex';
export const PRODUCER_SNAPSHOT_FILE_SUFFIX = '.snapshot';
export const DELETED_FILE_SUFFIX = '.deleted';
export const CLEANED_FILE_SUFFIX = '.cleaned';
export const SWAP_FILE_SUFFIX = '.swap';
export const TMP_FILE_SUFFIX = '.tmp';
export const DELETE_DIR_SUFFIX = '-delete';
export const FUTURE_DIR_SUFFIX = '-future';
export const STRAY_DIR_SUFFIX = '-stray';

export const PARTITION_METADATA_FILE = 'partition.metadata';
export const LEADER_EPOCH_CHECKPOINT_FILE = 'leader-epoch-checkpoint';
export const RECOVERY_POINT_CHECKPOINT_FILE = 'recovery-point-offset-checkpoint';
export const LOG_START_OFFSET_CHECKPOINT_FILE = 'log-start-offset-checkpoint';
export const REPLICATION_OFFSET_CHECKPOINT_FILE = 'replication-offset-checkpoint';
export const META_PROPERTIES_FILE = 'meta.properties';
export const LOCK_FILE = '.lock';
export const CLEAN_SHUTDOWN_FILE = '.kafka_cleanshutdown';

const OFFSET_DIGITS = 20;
const SEGMENT_NAME = /^(\d{20})\.(log|index|timeindex|txnindex|snapshot)$/;

export function filenamePrefixFromOffset(offset: number): string {
  if (!Number.isSafeInteger(offset) || offset < 0) throw new RangeError(`Invalid base offset ${offset}`);
  return String(offset).padStart(OFFSET_DIGITS, '0');
}

export function logFile(dir: string, baseOffset: number): string {
  return join(dir, filenamePrefixFromOffset(baseOffset) + LOG_FILE_SUFFIX);
}

export function offsetIndexFile(dir: string, baseOffset: number): string {
  return join(dir, filenamePrefixFromOffset(baseOffset) + INDEX_FILE_SUFFIX);
}

export function timeIndexFile(dir: string, baseOffset: number): string {
  return join(dir, filenamePrefixFromOffset(baseOffset) + TIME_INDEX_FILE_SUFFIX);
}

/** The base offset and kind of a segment file name, or undefined for any other name. */
export function parseSegmentFileName(name: string): { baseOffset: number; kind: string } | undefined {
  const m = SEGMENT_NAME.exec(name);
  if (!m) return undefined;
  const baseOffset = Number(m[1]);
  if (!Number.isSafeInteger(baseOffset)) return undefined;
  return { baseOffset, kind: m[2] };
}

export interface TopicPartition {
  topic: string;
  partition: number;
}

export function topicPartitionName(tp: TopicPartition): string {
  return `${tp.topic}-${tp.partition}`;
}

const LEGAL_TOPIC = /^[a-zA-Z0-9._-]+$/;
const MAX_TOPIC_LENGTH = 249;

/** Why a topic name is not legal in Kafka, or undefined when it is. */
export function topicNameProblem(topic: string): string | undefined {
  if (topic.length === 0) return 'Topic name is illegal, it can\'t be empty';
  if (topic === '.' || topic === '..') return 'Topic name cannot be "." or ".."';
  if (topic.length > MAX_TOPIC_LENGTH) return `Topic name is illegal, it can't be longer than ${MAX_TOPIC_LENGTH} characters`;
  if (!LEGAL_TOPIC.test(topic)) return `Topic name "${topic}" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'`;
  return undefined;
}

/**
 * Parses a partition folder name `<topic>-<partition>`; undefined for names that are not live
 * partition folders (deleted, future, stray or malformed ones).
 */
export function parseTopicPartitionName(name: string): TopicPartition | undefined {
  if (name.endsWith(DELETE_DIR_SUFFIX) || name.endsWith(FUTURE_DIR_SUFFIX) || name.endsWith(STRAY_DIR_SUFFIX)) {
    return undefined;
  }
  const dash = name.lastIndexOf('-');
  if (dash <= 0 || dash === name.length - 1) return undefined;
  const topic = name.slice(0, dash);
  const partitionText = name.slice(dash + 1);
  if (!/^\d{1,10}$/.test(partitionText)) return undefined;
  const partition = Number(partitionText);
  if (partition > 0x7fffffff || topicNameProblem(topic) !== undefined) return undefined;
  return { topic, partition };
}

/** `<topic>-<partition>.<uuid without dashes>-delete`, as Kafka's LocalLog names a folder awaiting removal. */
export function logDeleteDirName(tp: TopicPartition): string {
  const suffix = `.${randomUUID().replace(/-/g, '')}${DELETE_DIR_SUFFIX}`;
  const prefix = topicPartitionName(tp);
  return prefix.slice(0, Math.min(prefix.length, 255 - suffix.length)) + suffix;
}
