/**
 * Topic-level log configuration (Kafka's LogConfig), with Kafka 3.9's defaults. Values that Kafka
 * keeps as Long.MAX_VALUE ("never") are Number.MAX_SAFE_INTEGER here.
 */
export type TimestampType = 'CreateTime' | 'LogAppendTime';
export type CleanupPolicy = 'delete' | 'compact' | 'compact,delete';

export interface LogConfig {
  segmentBytes: number;
  segmentMs: number;
  segmentJitterMs: number;
  segmentIndexBytes: number;
  indexIntervalBytes: number;
  flushMessages: number;
  flushMs: number;
  retentionMs: number;
  retentionBytes: number;
  maxMessageBytes: number;
  messageTimestampType: TimestampType;
  cleanupPolicy: CleanupPolicy;
  minInsyncReplicas: number;
  fileDeleteDelayMs: number;
  /** Log compaction (read by the cleaner only): how long tombstones stay, the dirty share that triggers a clean, and the compaction lags. */
  deleteRetentionMs: number;
  minCleanableDirtyRatio: number;
  minCompactionLagMs: number;
  maxCompactionLagMs: number;
}

export const NEVER = Number.MAX_SAFE_INTEGER;

export const DEFAULT_LOG_CONFIG: Readonly<LogConfig> = Object.freeze({
  segmentBytes: 1024 * 1024 * 1024,
  segmentMs: 7 * 24 * 60 * 60 * 1000,
  segmentJitterMs: 0,
  segmentIndexBytes: 10 * 1024 * 1024,
  indexIntervalBytes: 4096,
  flushMessages: NEVER,
  flushMs: NEVER,
  retentionMs: 7 * 24 * 60 * 60 * 1000,
  retentionBytes: -1,
  maxMessageBytes: 1024 * 1024 + 12,
  messageTimestampType: 'CreateTime',
  cleanupPolicy: 'delete',
  minInsyncReplicas: 1,
  fileDeleteDelayMs: 60_000,
  deleteRetentionMs: 24 * 60 * 60 * 1000,
  minCleanableDirtyRatio: 0.5,
  minCompactionLagMs: 0,
  maxCompactionLagMs: NEVER,
});

interface NumericKey {
  key: keyof LogConfig;
  min: number;
}

/** Kafka property name → field and the lower bound Kafka's ConfigDef enforces. */
const NUMERIC_PROPERTIES: Record<string, NumericKey> = {
  'segment.bytes': { key: 'segmentBytes', min: 14 },
  'segment.ms': { key: 'segmentMs', min: 1 },
  'segment.jitter.ms': { key: 'segmentJitterMs', min: 0 },
  'segment.index.bytes': { key: 'segmentIndexBytes', min: 4 },
  'index.interval.bytes': { key: 'indexIntervalBytes', min: 0 },
  'flush.messages': { key: 'flushMessages', min: 1 },
  'flush.ms': { key: 'flushMs', min: 0 },
  'retention.ms': { key: 'retentionMs', min: -1 },
  'retention.bytes': { key: 'retentionBytes', min: -1 },
  'max.message.bytes': { key: 'maxMessageBytes', min: 0 },
  'min.insync.replicas': { key: 'minInsyncReplicas', min: 1 },
  'file.delete.delay.ms': { key: 'fileDeleteDelayMs', min: 0 },
  'delete.retention.ms': { key: 'deleteRetentionMs', min: 0 },
  'min.compaction.lag.ms': { key: 'minCompactionLagMs', min: 0 },
  'max.compaction.lag.ms': { key: 'maxCompactionLagMs', min: 1 },
};

export const LOG_CONFIG_PROPERTY_NAMES: readonly string[] = [
  ...Object.keys(NUMERIC_PROPERTIES),
  'message.timestamp.type',
  'cleanup.policy',
  'min.cleanable.dirty.ratio',
];

export class InvalidConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidConfigError';
  }
}

/**
 * Builds a LogConfig from Kafka property names (as CreateTopics/AlterConfigs carry them) over a base.
 * Unknown names are ignored: they belong to other layers (e.g. compression.type).
 */
export function logConfigFromProperties(
  props: Readonly<Record<string, string>>,
  base: Readonly<LogConfig> = DEFAULT_LOG_CONFIG,
): LogConfig {
  const config: LogConfig = { ...base };
  for (const [name, raw] of Object.entries(props)) {
    const numeric = NUMERIC_PROPERTIES[name];
    if (numeric) {
      const value = Number(raw.trim());
      if (raw.trim() === '' || !Number.isInteger(value)) {
        throw new InvalidConfigError(`Invalid value ${raw} for configuration ${name}: not a number`);
      }
      if (value < numeric.min) {
        throw new InvalidConfigError(`Invalid value ${raw} for configuration ${name}: must be at least ${numeric.min}`);
      }
      (config[numeric.key] as number) = Math.min(value, NEVER);
    } else if (name === 'message.timestamp.type') {
      if (raw !== 'CreateTime' && raw !== 'LogAppendTime') {
        throw new InvalidConfigError(`Invalid value ${raw} for configuration ${name}: must be CreateTime or LogAppendTime`);
      }
      config.messageTimestampType = raw;
    } else if (name === 'cleanup.policy') {
      const policies = raw.split(',').map((p) => p.trim()).filter((p) => p !== '').sort();
      const joined = policies.join(',');
      if (joined !== 'delete' && joined !== 'compact' && joined !== 'compact,delete') {
        throw new InvalidConfigError(`Invalid value ${raw} for configuration ${name}: must be delete, compact or both`);
      }
      config.cleanupPolicy = joined;
    } else if (name === 'min.cleanable.dirty.ratio') {
      const value = Number(raw.trim());
      if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) {
        throw new InvalidConfigError(`Invalid value ${raw} for configuration ${name}: must be a number between 0 and 1`);
      }
      config.minCleanableDirtyRatio = value;
    }
  }
  return config;
}

/** Index capacity in entries, as Kafka rounds segment.index.bytes down to a whole entry. */
export function maxIndexEntries(segmentIndexBytes: number, entrySize: number): number {
  return Math.floor(segmentIndexBytes / entrySize);
}
