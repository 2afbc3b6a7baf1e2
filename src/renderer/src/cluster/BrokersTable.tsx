import { useMemo, useState, type JSX } from 'react';
import type { ColumnDef, SortingState } from '@tanstack/react-table';
import type { ApiErrorBody } from '../../../shared/console-errors';
import type { ClusterView } from '../../../shared/console-types';
import type { EngineClusterState } from '../../../shared/engine-types';
import { toErrorBody } from '../app/errors';
import { displayColumn, numberColumn, textColumn } from '../data-table/columns';
import { DataTable } from '../data-table/DataTable';
import { useRouteTableState } from '../data-table/useRouteTableState';
import { Empty, ErrorPanel } from '../ui/StateViews';
import { BrokerActionButtons } from './BrokerActionButtons';
import { BrokerActionConfirm, type PendingAction } from './BrokerActionDialogs';
import { brokerRows, networkText, type BrokerRow } from './broker-rows';
import { BrokerStateBadge } from './BrokerStateBadge';
import { useBrokerActions } from './useBrokerActions';

const BY_ID: SortingState = [{ id: 'id', desc: false }];

function registration(r: BrokerRow): string {
  const c = r.engine?.controller;
  if (c) return c.fenced ? `fenced · epoch ${c.brokerEpoch}` : `epoch ${c.brokerEpoch}`;
  if (r.engine) return 'never registered';
  return r.registered ? 'in metadata' : 'not in metadata';
}

export function BrokersTable({ view, engine, defaultsText, onChanged }: {
  view: ClusterView;
  engine: EngineClusterState | null;
  defaultsText: string;
  onChanged: () => void;
}): JSX.Element {
  const embedded = view.connection.kind === 'embedded';
  const actions = useBrokerActions(onChanged);
  const [pending, setPending] = useState<PendingAction | null>(null);
  const [actionError, setActionError] = useState<{ what: string; error: ApiErrorBody } | null>(null);
  const [lastResult, setLastResult] = useState<string | null>(null);
  const table = useRouteTableState('b', BY_ID);
  const rows = useMemo(() => brokerRows(view.brokers, engine), [view.brokers, engine]);

  const columns = useMemo((): ColumnDef<BrokerRow>[] => {
    const cols: ColumnDef<BrokerRow>[] = [
      numberColumn<BrokerRow>('id', 'Broker', (r) => r.id, { format: 'exact', size: 90 }),
      textColumn<BrokerRow>('state', 'State', (r) => r.state, {
        size: 130,
        render: (r) => <BrokerStateBadge state={r.state} note={r.state === 'paused' && r.engine?.pauseSimulated ? 'simulated' : undefined} />,
      }),
      textColumn<BrokerRow>('address', 'Address', (r) => `${r.host}:${r.port}`, { size: 140 }),
      textColumn<BrokerRow>('registration', embedded ? 'Registration' : 'Metadata', registration, { size: 125 }),
    ];
    if (engine) {
      cols.push(
        numberColumn<BrokerRow>('pid', 'PID', (r) => r.engine?.pid ?? null, { format: 'exact', size: 70, unknownText: 'no process' }),
        numberColumn<BrokerRow>('leads', 'Leads', (r) => r.leads, { format: 'exact', size: 75 }),
        numberColumn<BrokerRow>('replicas', 'Replicas', (r) => r.replicas, { format: 'exact', size: 85 }),
        numberColumn<BrokerRow>('under', 'Under-replicated', (r) => r.underReplicated, { format: 'exact', size: 90 }),
        numberColumn<BrokerRow>('data', 'Data', (r) => r.engine?.dataBytes ?? null, { format: 'bytes', size: 85 }),
        numberColumn<BrokerRow>('rss', 'RSS', (r) => r.engine?.rssBytes ?? null, { format: 'bytes', size: 85, unknownText: 'no process' }),
        textColumn<BrokerRow>('network', 'Network', (r) => (r.engine ? networkText(r.engine) : ''), { size: 105 }),
      );
    } else if (view.brokers.some((b) => b.rack)) {
      cols.push(textColumn<BrokerRow>('rack', 'Rack', (r) => r.rack ?? '', { size: 100 }));
    }
    if (embedded) {
      cols.push(
        displayColumn<BrokerRow>(
          'switches',
          'Switches',
          (r) => (
            <BrokerActionButtons
              brokerId={r.id}
              condition={{ state: r.state, networkFaulted: r.networkFaulted }}
              actions={actions}
              onChoose={(action) => {
                setActionError(null);
                if (action.confirm === 'none' && action.id !== 'latency') {
                  actions.run(action.id, r.id).then(
                    (res) => setLastResult(`${action.label} broker ${r.id}: ${res.detail}`),
                    (err: unknown) => setActionError({ what: `${action.label} broker ${r.id}`, error: toErrorBody(err) }),
                  );
                } else {
                  setPending({ action, brokerId: r.id });
                }
              }}
            />
          ),
          290,
        ),
      );
    }
    return cols;
  }, [embedded, engine, view.brokers, actions]);

  const runPending = async (latencyMs?: number): Promise<void> => {
    if (!pending) return;
    const { action, brokerId } = pending;
    const res = await actions.run(action.id, brokerId, { latencyMs });
    setLastResult(`${action.label.replace('…', '')} broker ${brokerId}: ${res.detail}`);
  };

  return (
    <section aria-labelledby="brokers-heading" className="section">
      <div className="section-head">
        <h2 id="brokers-heading">Brokers</h2>
        {embedded ? <p className="defaults">{defaultsText}</p> : <p className="muted">An external cluster: its brokers are not ours to switch off.</p>}
      </div>
      {actionError && <ErrorPanel error={actionError.error} title={`${actionError.what} failed`} />}
      {lastResult && (
        <p className="result" role="status">
          {lastResult}
        </p>
      )}
      <DataTable
        label="Brokers"
        data={rows}
        columns={columns}
        getRowId={(r) => String(r.id)}
        sorting={table.sorting}
        onSortingChange={table.onSortingChange}
        rowHeight={embedded ? 96 : 36}
        empty={<Empty title="No brokers answer Metadata." />}
      />
      {pending && (
        <BrokerActionConfirm pending={pending} consequences={defaultsText} onRun={runPending} onClose={() => setPending(null)} />
      )}
    </section>
  );
}
