import { describe, expect, test } from 'vitest';
import { buildRecordBatchSync, buildTransactionMarkerBatch } from '../protocol/record-batch-builder';
import { decodeRecordBatchesSync } from '../protocol/record-batch-decoder';
import { filterAborted } from './aborted-transactions';

function txnBatch(producerId: number, baseOffset: number, values: string[]): Buffer {
  return buildRecordBatchSync(values.map((value) => ({ value })), { baseOffset, producerId, producerEpoch: 0, baseSequence: 0, transactional: true });
}

describe('read_committed filtering', () => {
  test('drops the aborted transaction of one producer and keeps committed and plain batches', () => {
    const log = Buffer.concat([
      txnBatch(1, 0, ['p1-aborted-0', 'p1-aborted-1']),
      txnBatch(2, 2, ['p2-committed-2', 'p2-committed-3']),
      buildRecordBatchSync([{ value: 'plain-4' }], { baseOffset: 4 }),
      buildTransactionMarkerBatch({ type: 'ABORT', coordinatorEpoch: 0, producerId: 1, producerEpoch: 0, baseOffset: 5 }),
      buildTransactionMarkerBatch({ type: 'COMMIT', coordinatorEpoch: 0, producerId: 2, producerEpoch: 0, baseOffset: 6 }),
      txnBatch(1, 7, ['p1-next-7']),
    ]);
    const batches = decodeRecordBatchesSync(log);
    const kept = filterAborted(batches, [{ producerId: 1n, firstOffset: 0 }]);
    const values = kept.flatMap((b) => (b.isControl ? [] : b.records.map((r) => r.value!.toString())));
    expect(values).toEqual(['p2-committed-2', 'p2-committed-3', 'plain-4', 'p1-next-7']);
    // Markers stay so the reader moves past them.
    expect(kept.filter((b) => b.isControl).map((b) => b.baseOffset)).toEqual([5, 6]);
    expect(filterAborted(batches, [])).toHaveLength(batches.length);
  });
});
