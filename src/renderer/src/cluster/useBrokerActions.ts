// THE seam between the Cluster page and the fault channels: every broker switch goes through here
// (`brokers:action`, `brokers:latency`). A switch is offered only when the contract has its
// channel and action, so a console talking to an older host shows it as not available.
import { useCallback, useMemo, useState } from 'react';
import { isConsoleChannel } from '../../../shared/console-api';
import { BROKER_ACTIONS as CONTRACT_ACTIONS, type BrokerActionResult } from '../../../shared/engine-types';
import { consoleClient } from '../api-client';
import { useCluster } from '../app/cluster-context';
import type { MessageId } from '../i18n/messages';
import { BROKER_ACTIONS, type BrokerActionDef, type BrokerActionId } from './broker-actions';

/** Why a switch is shown but cannot run: the engine host's contract lacks it. */
export const NOT_AVAILABLE_YET: MessageId = 'switch.notAvailable';

export interface BrokerActionParams {
  /** For latency: the added delay in milliseconds, both directions (0 removes it). */
  latencyMs?: number;
}

export interface BrokerActions {
  actions: readonly BrokerActionDef[];
  /** Whether the contract has the action. */
  available: (id: BrokerActionId) => boolean;
  /** Runs an action; rejects with a ConsoleApiError. The cluster views refresh afterwards. */
  run: (id: BrokerActionId, brokerId: number, params?: BrokerActionParams) => Promise<BrokerActionResult>;
  /** `${action}:${brokerId}` of the calls in flight. */
  pending: ReadonlySet<string>;
}

export function actionAvailable(id: BrokerActionId): boolean {
  if (id === 'latency') return isConsoleChannel('brokers:latency');
  return isConsoleChannel('brokers:action') && CONTRACT_ACTIONS.includes(id);
}

/** @param onDone called after every action (success or not), e.g. to read `cluster:state` again. */
export function useBrokerActions(onDone?: () => void): BrokerActions {
  const { refresh } = useCluster();
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());

  const run = useCallback(
    async (id: BrokerActionId, brokerId: number, params: BrokerActionParams = {}) => {
      if (!actionAvailable(id)) throw new Error(`this engine host does not offer the ${id} switch`);
      const key = `${id}:${brokerId}`;
      setPending((p) => new Set(p).add(key));
      try {
        const client = consoleClient();
        return id === 'latency'
          ? await client.call('brokers:latency', { id: brokerId, ms: params.latencyMs ?? 0 })
          : await client.call('brokers:action', { id: brokerId, action: id });
      } finally {
        setPending((p) => {
          const next = new Set(p);
          next.delete(key);
          return next;
        });
        refresh();
        onDone?.();
      }
    },
    [refresh, onDone],
  );

  return useMemo(() => ({ actions: BROKER_ACTIONS, available: actionAvailable, run, pending }), [run, pending]);
}
