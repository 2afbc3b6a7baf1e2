// The transaction coordinator against Kafka's rules, with its log in memory, a marker writer that
// records what it is asked, and an injected clock: epochs and fencing on InitProducerId, the state
// table, EndTxn's answers in every state, timeouts, and a failover that finds a transaction mid-commit.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { createMemoryLogger } from '../logger';
import { ErrorCode } from '../protocol/errors';
import { TransactionCoordinator, type TxnMarkers } from './transaction-coordinator';
import type { TxnLogRecord } from './transaction-records-codec';
import { decodeTxnLogKey, decodeTxnLogValue, encodeTxnLogValue, txnLogRecord } from './transaction-records-codec';
import { TXN_STATES, TXN_STATE_TABLE, canTransition } from './transaction-state';

function setup(options: { markersHang?: boolean } = {}) {
  const clock = new ManualClock(1_000_000);
  const log: TxnLogRecord[] = [];
  const markers: TxnMarkers[] = [];
  let nextId = 100n;
  const make = (epoch = 5) => {
    const c = new TransactionCoordinator({
      partitionIndex: 0,
      coordinatorEpoch: epoch,
      persistence: { append: async (records) => void log.push(...records) },
      markers: {
        writeMarkers: (m) => {
          markers.push(m);
          return options.markersHang ? new Promise<void>(() => undefined) : Promise.resolve();
        },
      },
      producerIds: { generateProducerId: async () => nextId++ },
      clock,
      logger: createMemoryLogger(),
      maxTimeoutMs: 900_000,
      abortIntervalMs: 1_000_000,
      groupPartition: (groupId) => ({ topic: '__consumer_offsets', partition: groupId.length }),
    });
    return c;
  };
  const coordinator = make();
  const settle = () => new Promise((r) => setTimeout(r, 5));
  const lastState = (id: string) => {
    const r = [...log].reverse().find((x) => decodeTxnLogKey(x.key) === id);
    return r?.value ? decodeTxnLogValue(r.value).state : undefined;
  };
  return { clock, log, markers, coordinator, make, settle, lastState };
}

describe('the transaction state table', () => {
  it("is Kafka's: ids as stored, valid previous states", () => {
    expect(TXN_STATES.map((s) => TXN_STATE_TABLE[s].id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(canTransition('Ongoing', 'PrepareCommit')).toBe(true);
    expect(canTransition('Empty', 'PrepareCommit')).toBe(false);
    expect(canTransition('PrepareEpochFence', 'PrepareAbort')).toBe(true);
    expect(canTransition('CompleteCommit', 'Ongoing')).toBe(true);
    expect(canTransition('PrepareCommit', 'CompleteAbort')).toBe(false);
  });

  it('stores TransactionLogValue v0: no partition list for Empty, the partitions otherwise', () => {
    const base = { producerId: 7n, producerEpoch: 3, txnTimeoutMs: 60_000, txnLastUpdateTimestamp: 5, txnStartTimestamp: 4 };
    const empty = encodeTxnLogValue({ ...base, state: 'Empty', partitions: new Map() });
    expect(empty.readInt16BE(0)).toBe(0);
    expect(decodeTxnLogValue(empty)).toMatchObject({ ...base, state: 'Empty' });
    const ongoing = decodeTxnLogValue(encodeTxnLogValue({ ...base, state: 'Ongoing', partitions: new Map([['t', new Set([2, 0])]]) }));
    expect([...ongoing.partitions.get('t')!]).toEqual([0, 2]);
    // Hand-checked bytes of the key: version 0, then the id as a STRING (int16 length + bytes).
    expect(txnLogRecord('ab', { ...base, state: 'Empty', partitions: new Map() }).key).toEqual(Buffer.from([0, 0, 0, 2, 0x61, 0x62]));
  });
});

describe('TransactionCoordinator', () => {
  it('InitProducerId: a new id at epoch 0, bumped on each call; a stale expected epoch is fenced; a retry of the last bump is answered again (KIP-360)', async () => {
    const { coordinator } = setup();
    const first = await coordinator.initProducerId('tx', 60_000, null);
    expect(first).toEqual({ errorCode: 0, producerId: 100n, producerEpoch: 0 });
    expect(await coordinator.initProducerId('tx', 60_000, null)).toEqual({ errorCode: 0, producerId: 100n, producerEpoch: 1 });
    expect(await coordinator.initProducerId('tx', 60_000, { producerId: 100n, producerEpoch: 1 })).toMatchObject({ errorCode: 0, producerEpoch: 2 });
    // The producer did not hear the answer and retries with the epoch it had: same epoch again.
    expect(await coordinator.initProducerId('tx', 60_000, { producerId: 100n, producerEpoch: 1 })).toMatchObject({ errorCode: 0, producerEpoch: 2 });
    expect((await coordinator.initProducerId('tx', 60_000, { producerId: 100n, producerEpoch: 0 })).errorCode).toBe(ErrorCode.PRODUCER_FENCED);
    expect((await coordinator.initProducerId('tx', 60_000, { producerId: 999n, producerEpoch: 0 })).errorCode).toBe(ErrorCode.PRODUCER_FENCED);
    expect((await coordinator.initProducerId('tx', 0, null)).errorCode).toBe(ErrorCode.INVALID_TRANSACTION_TIMEOUT);
    expect((await coordinator.initProducerId('tx', 900_001, null)).errorCode).toBe(ErrorCode.INVALID_TRANSACTION_TIMEOUT);
  });

  it('AddPartitions and EndTxn: errors by producer and state, PrepareCommit logged, markers, CompleteCommit; retries answered', async () => {
    const { coordinator, markers, settle, lastState } = setup();
    const { producerId, producerEpoch } = await coordinator.initProducerId('tx', 60_000, null);
    const tp = [{ topic: 'orders', partition: 1 }];
    expect(await coordinator.addPartitions('nope', producerId, producerEpoch, tp)).toBe(ErrorCode.INVALID_PRODUCER_ID_MAPPING);
    expect(await coordinator.addPartitions('tx', producerId + 1n, producerEpoch, tp)).toBe(ErrorCode.INVALID_PRODUCER_ID_MAPPING);
    expect(await coordinator.addPartitions('tx', producerId, producerEpoch + 1, tp)).toBe(ErrorCode.PRODUCER_FENCED);
    expect(await coordinator.endTxn('tx', producerId, producerEpoch, true)).toBe(ErrorCode.INVALID_TXN_STATE);
    expect(await coordinator.addPartitions('tx', producerId, producerEpoch, tp)).toBe(0);
    expect(await coordinator.addOffsets('tx', producerId, producerEpoch, 'grp')).toBe(0);
    expect(coordinator.describe('tx')).toMatchObject({ state: 'Ongoing', partitions: [{ topic: 'orders', partition: 1 }, { topic: '__consumer_offsets', partition: 3 }] });
    expect(coordinator.verifyPartitions('tx', producerId, producerEpoch, [{ topic: 'orders', partition: 2 }]).values().next().value).toBe(ErrorCode.INVALID_TXN_STATE);
    expect(await coordinator.endTxn('tx', producerId, producerEpoch, true)).toBe(0);
    await settle();
    expect(markers).toEqual([expect.objectContaining({ commit: true, producerEpoch, coordinatorEpoch: 5, partitions: expect.arrayContaining(tp) })]);
    expect(lastState('tx')).toBe('CompleteCommit');
    expect(coordinator.describe('tx')).toMatchObject({ state: 'CompleteCommit', partitions: [] });
    expect(await coordinator.endTxn('tx', producerId, producerEpoch, true)).toBe(0);
    expect(await coordinator.endTxn('tx', producerId, producerEpoch, false)).toBe(ErrorCode.INVALID_TXN_STATE);
  });

  it('while markers are being written, EndTxn retries get CONCURRENT_TRANSACTIONS and the opposite outcome INVALID_TXN_STATE', async () => {
    const { coordinator } = setup({ markersHang: true });
    const { producerId, producerEpoch } = await coordinator.initProducerId('tx', 60_000, null);
    await coordinator.addPartitions('tx', producerId, producerEpoch, [{ topic: 'a', partition: 0 }]);
    expect(await coordinator.endTxn('tx', producerId, producerEpoch, false)).toBe(0);
    expect(await coordinator.endTxn('tx', producerId, producerEpoch, false)).toBe(ErrorCode.CONCURRENT_TRANSACTIONS);
    expect(await coordinator.endTxn('tx', producerId, producerEpoch, true)).toBe(ErrorCode.INVALID_TXN_STATE);
    expect((await coordinator.initProducerId('tx', 60_000, null)).errorCode).toBe(ErrorCode.CONCURRENT_TRANSACTIONS);
    expect(await coordinator.addPartitions('tx', producerId, producerEpoch, [{ topic: 'a', partition: 1 }])).toBe(ErrorCode.CONCURRENT_TRANSACTIONS);
  });

  it('a new producer instance fences the old one: its open transaction is aborted under a bumped epoch', async () => {
    const { coordinator, markers, settle } = setup();
    const old = await coordinator.initProducerId('tx', 60_000, null);
    await coordinator.addPartitions('tx', old.producerId, old.producerEpoch, [{ topic: 'a', partition: 0 }]);
    expect((await coordinator.initProducerId('tx', 60_000, null)).errorCode).toBe(ErrorCode.CONCURRENT_TRANSACTIONS);
    await settle();
    expect(markers).toEqual([expect.objectContaining({ commit: false, producerEpoch: old.producerEpoch + 1 })]);
    expect(coordinator.describe('tx')?.state).toBe('CompleteAbort');
    const next = await coordinator.initProducerId('tx', 60_000, null);
    expect(next).toMatchObject({ errorCode: 0, producerId: old.producerId, producerEpoch: old.producerEpoch + 2 });
    expect(await coordinator.endTxn('tx', old.producerId, old.producerEpoch, true)).toBe(ErrorCode.PRODUCER_FENCED);
    expect(await coordinator.addPartitions('tx', old.producerId, old.producerEpoch, [{ topic: 'a', partition: 0 }])).toBe(ErrorCode.PRODUCER_FENCED);
  });

  it('a transaction past its timeout is aborted and its producer fenced; one within it is left alone', async () => {
    const { coordinator, clock, markers, settle } = setup();
    const p = await coordinator.initProducerId('tx', 10_000, null);
    await coordinator.addPartitions('tx', p.producerId, p.producerEpoch, [{ topic: 'a', partition: 0 }]);
    clock.advance(9_999);
    coordinator.abortTimedOutTransactions();
    expect(coordinator.describe('tx')?.state).toBe('Ongoing');
    clock.advance(2);
    coordinator.abortTimedOutTransactions();
    await settle();
    expect(markers).toEqual([expect.objectContaining({ commit: false, producerEpoch: p.producerEpoch + 1 })]);
    expect(coordinator.describe('tx')?.state).toBe('CompleteAbort');
    expect(await coordinator.endTxn('tx', p.producerId, p.producerEpoch, true)).toBe(ErrorCode.PRODUCER_FENCED);
  });

  it('a coordinator that loads a transaction in PrepareCommit writes its markers again and completes it', async () => {
    const first = setup({ markersHang: true });
    const p = await first.coordinator.initProducerId('tx', 60_000, null);
    await first.coordinator.addPartitions('tx', p.producerId, p.producerEpoch, [{ topic: 'a', partition: 0 }, { topic: 'b', partition: 3 }]);
    expect(await first.coordinator.endTxn('tx', p.producerId, p.producerEpoch, true)).toBe(0);
    first.coordinator.close();
    expect(first.lastState('tx')).toBe('PrepareCommit');

    const second = setup();
    const successor = second.make(6);
    successor.loadFrom(first.log);
    await second.settle();
    expect(second.markers).toEqual([expect.objectContaining({ commit: true, coordinatorEpoch: 6, partitions: [{ topic: 'a', partition: 0 }, { topic: 'b', partition: 3 }] })]);
    expect(successor.describe('tx')?.state).toBe('CompleteCommit');
    expect(second.lastState('tx')).toBe('CompleteCommit');
    successor.close();
  });
});
