import { decodeExact, encodeMessage } from '../protocol/codec';
import { ProtocolError } from '../protocol/protocol-error';
import { Reader } from '../protocol/reader';
import type { MessageInput, MessageSchema } from '../protocol/schema';
import { TransactionLogKeySchema, TransactionLogValueSchema } from '../protocol/schemas/transaction-records';
import { Writer } from '../protocol/writer';
import { TXN_STATE_TABLE, txnStateById, type TxnState } from './transaction-state';

/** Kafka 3.9 writes key v0 and value v0 (v1, flexible, comes with transaction.version 2). */
export const TXN_LOG_KEY_VERSION = 0;
export const TXN_LOG_VALUE_VERSION = 0;

/** What one __transaction_state record says of a transactional id (Kafka's TxnTransitMetadata as stored). */
export interface StoredTxn {
  producerId: bigint;
  producerEpoch: number;
  txnTimeoutMs: number;
  state: TxnState;
  /** topic → partitions */
  partitions: Map<string, Set<number>>;
  txnLastUpdateTimestamp: number;
  txnStartTimestamp: number;
}

export interface TxnLogRecord {
  readonly key: Buffer;
  readonly value: Buffer | null;
}

function versioned<M extends MessageSchema>(schema: M, version: number, value: MessageInput<M>): Buffer {
  const w = new Writer();
  w.int16(version);
  encodeMessage(schema, version, value, w);
  return w.finish();
}

export function encodeTxnLogKey(transactionalId: string): Buffer {
  return versioned(TransactionLogKeySchema, TXN_LOG_KEY_VERSION, { transactionalId });
}

export function encodeTxnLogValue(t: StoredTxn): Buffer {
  // Kafka stores no partition list for Empty (TransactionLog.valueToBytes).
  const partitions = t.state === 'Empty' ? null : [...t.partitions].map(([topic, ids]) => ({ topic, partitionIds: [...ids].sort((a, b) => a - b) }));
  return versioned(TransactionLogValueSchema, TXN_LOG_VALUE_VERSION, {
    producerId: t.producerId,
    producerEpoch: t.producerEpoch,
    transactionTimeoutMs: t.txnTimeoutMs,
    transactionStatus: TXN_STATE_TABLE[t.state].id,
    transactionPartitions: partitions,
    transactionLastUpdateTimestampMs: BigInt(t.txnLastUpdateTimestamp),
    transactionStartTimestampMs: BigInt(t.txnStartTimestamp),
  });
}

export function txnLogRecord(transactionalId: string, t: StoredTxn): TxnLogRecord {
  return { key: encodeTxnLogKey(transactionalId), value: encodeTxnLogValue(t) };
}

function readVersion(buf: Buffer, what: string): number {
  if (buf.length < 2) throw new ProtocolError(`${what} of ${buf.length} bytes has no version`);
  return new Reader(buf).int16();
}

/** The transactional id of a key; a key of another version is not a transaction record. */
export function decodeTxnLogKey(key: Buffer): string {
  const version = readVersion(key, 'TransactionLogKey');
  if (version !== TXN_LOG_KEY_VERSION) throw new ProtocolError(`unknown TransactionLogKey version ${version}`);
  return decodeExact(TransactionLogKeySchema, version, key, 2).transactionalId;
}

export function decodeTxnLogValue(value: Buffer): StoredTxn {
  const version = readVersion(value, 'TransactionLogValue');
  if (version < 0 || version > 1) throw new ProtocolError(`unknown TransactionLogValue version ${version}`);
  const v = decodeExact(TransactionLogValueSchema, version, value, 2);
  const state = txnStateById(v.transactionStatus);
  if (!state) throw new ProtocolError(`unknown transaction status ${v.transactionStatus}`);
  const partitions = new Map<string, Set<number>>();
  for (const p of v.transactionPartitions ?? []) partitions.set(p.topic, new Set(p.partitionIds));
  return {
    producerId: v.producerId,
    producerEpoch: v.producerEpoch,
    txnTimeoutMs: v.transactionTimeoutMs,
    state,
    partitions,
    txnLastUpdateTimestamp: Number(v.transactionLastUpdateTimestampMs),
    txnStartTimestamp: Number(v.transactionStartTimestampMs),
  };
}
