/**
 * Kafka's TransactionState as a table: each state's id (the byte stored in __transaction_state),
 * the name DescribeTransactions / ListTransactions show, and the states it may be entered from.
 */
export const TXN_STATES = ['Empty', 'Ongoing', 'PrepareCommit', 'PrepareAbort', 'CompleteCommit', 'CompleteAbort', 'Dead', 'PrepareEpochFence'] as const;

export type TxnState = (typeof TXN_STATES)[number];

interface StateRow {
  readonly id: number;
  /** The name on the wire (kafka-transactions.sh shows these). */
  readonly wireName: string;
  readonly validPrevious: readonly TxnState[];
}

export const TXN_STATE_TABLE: Readonly<Record<TxnState, StateRow>> = {
  Empty: { id: 0, wireName: 'Empty', validPrevious: ['Empty', 'CompleteCommit', 'CompleteAbort'] },
  Ongoing: { id: 1, wireName: 'Ongoing', validPrevious: ['Ongoing', 'Empty', 'CompleteCommit', 'CompleteAbort'] },
  PrepareCommit: { id: 2, wireName: 'PrepareCommit', validPrevious: ['Ongoing'] },
  PrepareAbort: { id: 3, wireName: 'PrepareAbort', validPrevious: ['Ongoing', 'PrepareEpochFence'] },
  CompleteCommit: { id: 4, wireName: 'CompleteCommit', validPrevious: ['PrepareCommit'] },
  CompleteAbort: { id: 5, wireName: 'CompleteAbort', validPrevious: ['PrepareAbort'] },
  Dead: { id: 6, wireName: 'Dead', validPrevious: ['Empty', 'CompleteAbort', 'CompleteCommit'] },
  PrepareEpochFence: { id: 7, wireName: 'PrepareEpochFence', validPrevious: ['Ongoing'] },
};

export function txnStateById(id: number): TxnState | undefined {
  return TXN_STATES.find((s) => TXN_STATE_TABLE[s].id === id);
}

export function txnStateByWireName(name: string): TxnState | undefined {
  return TXN_STATES.find((s) => TXN_STATE_TABLE[s].wireName === name);
}

export function canTransition(from: TxnState, to: TxnState): boolean {
  return TXN_STATE_TABLE[to].validPrevious.includes(from);
}

/** The states whose markers are being written: the transaction's outcome is decided but not yet everywhere. */
export function isPrepare(state: TxnState): state is 'PrepareCommit' | 'PrepareAbort' {
  return state === 'PrepareCommit' || state === 'PrepareAbort';
}
