import { useMemo, useState, type JSX } from 'react';
import type { ColumnDef, SortingState } from '@tanstack/react-table';
import type { ApiErrorBody } from '../../../shared/console-errors';
import type { ClusterView } from '../../../shared/console-types';
import type { EngineClusterState } from '../../../shared/engine-types';
import { toErrorBody } from '../app/errors';
import { displayColumn, numberColumn, textColumn } from '../data-table/columns';
import { DataTable } from '../data-table/DataTable';
import { useRouteTableState } from '../data-table/useRouteTableState';
import type { Fmt } from '../i18n/fmt';
import { useFmt } from '../i18n/I18nProvider';
import { Empty, ErrorPanel } from '../ui/StateViews';
import { BrokerActionConfirm, type PendingAction } from './BrokerActionDialogs';
import type { BrokerActionDef, BrokerActionId } from './broker-actions';
import { brokerRows, networkText, type BrokerRow } from './broker-rows';
import { BrokerStateBadge } from './BrokerStateBadge';
import { BrokerSwitches } from './BrokerSwitches';
import { faultSentence } from './event-sentences';
import { useBrokerActions } from './useBrokerActions';

const BY_ID: SortingState = [{ id: 'id', desc: false }];

function registration(r: BrokerRow, fmt: Fmt): string {
  const c = r.engine?.controller;
  if (c) return fmt.t(c.fenced ? 'brokers.registration.fenced' : 'brokers.registration.epoch', { epoch: c.brokerEpoch });
  if (r.engine) return fmt.t('brokers.registration.never');
  return fmt.t(r.registered ? 'brokers.registration.inMetadata' : 'brokers.registration.notInMetadata');
}

export function BrokersTable({ view, engine, defaultsText, onChanged }: {
  view: ClusterView;
  engine: EngineClusterState | null;
  defaultsText: string;
  onChanged: () => void;
}): JSX.Element {
  const fmt = useFmt();
  const { t } = fmt;
  const embedded = view.connection.kind === 'embedded';
  const actions = useBrokerActions(onChanged);
  const [pending, setPending] = useState<PendingAction | null>(null);
  const [actionError, setActionError] = useState<{ action: BrokerActionDef; brokerId: number; error: ApiErrorBody } | null>(null);
  // Kept as data and worded at render time, so it follows a change of language.
  const [lastResult, setLastResult] = useState<{ action: BrokerActionId; brokerId: number; detail: string } | null>(null);
  const table = useRouteTableState('b', BY_ID);
  const rows = useMemo(() => brokerRows(view.brokers, engine), [view.brokers, engine]);

  const columns = useMemo((): ColumnDef<BrokerRow>[] => {
    const noProcess = t('brokers.noProcess');
    const cols: ColumnDef<BrokerRow>[] = [
      numberColumn<BrokerRow>('id', t('brokers.col.broker'), (r) => r.id, { format: 'exact', size: 62 }),
      textColumn<BrokerRow>('state', t('brokers.col.state'), (r) => r.state, {
        size: 118,
        render: (r) => <BrokerStateBadge state={r.state} note={r.state === 'paused' && r.engine?.pauseSimulated ? t('brokers.simulated') : undefined} />,
      }),
      textColumn<BrokerRow>('address', t('brokers.col.address'), (r) => `${r.host}:${r.port}`, { size: 124 }),
      textColumn<BrokerRow>('registration', t(embedded ? 'brokers.col.registration' : 'brokers.col.metadata'), (r) => registration(r, fmt), { size: 108, wrap: true }),
    ];
    if (engine) {
      cols.push(
        numberColumn<BrokerRow>('pid', t('brokers.col.pid'), (r) => r.engine?.pid ?? null, { format: 'id', size: 70, unknownText: noProcess }),
        // Leaderships and replicas share a column (sorted by leaderships): one number pair, one header.
        numberColumn<BrokerRow>('leads', t('brokers.col.leadsReplicas'), (r) => r.leads, {
          size: 80,
          render: (leads, r) => (leads === null || r.replicas === null ? null : t('brokers.leadsReplicas', { leads, replicas: r.replicas })),
        }),
        numberColumn<BrokerRow>('under', t('brokers.col.underReplicated'), (r) => r.underReplicated, { format: 'exact', size: 86 }),
        numberColumn<BrokerRow>('data', t('brokers.col.data'), (r) => r.engine?.dataBytes ?? null, { format: 'bytes', size: 66 }),
        numberColumn<BrokerRow>('rss', t('brokers.col.rss'), (r) => r.engine?.rssBytes ?? null, { format: 'bytes', size: 72, unknownText: noProcess }),
        textColumn<BrokerRow>('network', t('brokers.col.network'), (r) => (r.engine ? networkText(r.engine, fmt) : ''), { size: 82, wrap: true }),
      );
    } else if (view.brokers.some((b) => b.rack)) {
      cols.push(textColumn<BrokerRow>('rack', t('brokers.col.rack'), (r) => r.rack ?? '', { size: 100 }));
    }
    if (embedded) {
      cols.push(
        displayColumn<BrokerRow>(
          'switches',
          t('brokers.col.switches'),
          (r) => (
            <BrokerSwitches
              brokerId={r.id}
              condition={{ state: r.state, networkFaulted: r.networkFaulted }}
              actions={actions}
              onChoose={(action) => {
                setActionError(null);
                if (action.confirm === 'none' && action.id !== 'latency') {
                  actions.run(action.id, r.id).then(
                    (res) => setLastResult({ action: action.id, brokerId: r.id, detail: res.detail }),
                    (err: unknown) => setActionError({ action, brokerId: r.id, error: toErrorBody(err) }),
                  );
                } else {
                  setPending({ action, brokerId: r.id });
                }
              }}
            />
          ),
          202,
        ),
      );
    }
    return cols;
  }, [embedded, engine, view.brokers, actions, fmt, t]);

  const runPending = async (latencyMs?: number): Promise<void> => {
    if (!pending) return;
    const { action, brokerId } = pending;
    const res = await actions.run(action.id, brokerId, { latencyMs });
    setLastResult({ action: action.id, brokerId, detail: res.detail });
  };

  return (
    <section aria-labelledby="brokers-heading" className="section">
      <div className="section-head">
        <h2 id="brokers-heading">{t('brokers.heading')}</h2>
        {embedded ? <p className="defaults">{defaultsText}</p> : <p className="muted">{t('brokers.external')}</p>}
      </div>
      {actionError && <ErrorPanel error={actionError.error} title={t('switch.failed', { action: t(actionError.action.name, { id: actionError.brokerId }) })} />}
      {lastResult && (
        <p className="result" role="status">
          {faultSentence(lastResult.action, [lastResult.brokerId], lastResult.detail, fmt)}
        </p>
      )}
      <DataTable
        label={t('brokers.table')}
        data={rows}
        columns={columns}
        getRowId={(r) => String(r.id)}
        sorting={table.sorting}
        onSortingChange={table.onSortingChange}
        rowHeight={40}
        empty={<Empty title={t('brokers.empty')} />}
      />
      {pending && <BrokerActionConfirm pending={pending} consequences={defaultsText} onRun={runPending} onClose={() => setPending(null)} />}
    </section>
  );
}
