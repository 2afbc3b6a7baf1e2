// Which cluster is connected, its health at a glance, and the embedded cluster's data folder.
import { useState, type JSX } from 'react';
import { useCluster } from './cluster-context';
import { ConnectionDialog } from './ConnectionDialog';
import { ThemeSwitch } from './ThemeSwitch';

function HealthItem({ label, value, tone, title }: { label: string; value: string; tone: 'ok' | 'warn' | 'bad'; title: string }): JSX.Element {
  const icon = tone === 'ok' ? '●' : tone === 'warn' ? '▲' : '✕';
  return (
    <div className={`health-item tone-${tone}`} title={title}>
      <dt>{label}</dt>
      <dd>
        <span aria-hidden="true">{icon} </span>
        {value}
      </dd>
    </div>
  );
}

export function TopBar(): JSX.Element {
  const { view, error, loading, refresh } = useCluster();
  const [connecting, setConnecting] = useState(false);
  const c = view?.connection;
  const h = view?.health;

  return (
    <header className="topbar">
      <div className="conn">
        {c ? (
          <>
            <span className={`tag tag-${c.kind}`}>{c.kind === 'embedded' ? 'Embedded' : 'External'}</span>
            <span className="bootstrap" title={`Bootstrap servers: ${c.bootstrap}`}>
              {c.bootstrap}
            </span>
          </>
        ) : (
          <span className="muted">{loading ? 'Connecting…' : 'Not connected'}</span>
        )}
        {c && (
          <button type="button" className="btn btn-small" onClick={() => setConnecting(true)}>
            Switch cluster
          </button>
        )}
      </div>
      {h && (
        <dl className="health" aria-label="Cluster health">
          <HealthItem
            label="Brokers"
            value={`${h.brokersUp}/${h.brokersTotal} up`}
            tone={h.brokersUp === h.brokersTotal ? 'ok' : h.brokersUp === 0 ? 'bad' : 'warn'}
            title="Brokers registered and running, of all brokers"
          />
          <HealthItem label="Under-replicated" value={String(h.underReplicatedPartitions)} tone={h.underReplicatedPartitions ? 'warn' : 'ok'} title="Partitions whose ISR is smaller than their replica set" />
          <HealthItem label="Offline" value={String(h.offlinePartitions)} tone={h.offlinePartitions ? 'bad' : 'ok'} title="Partitions without a leader" />
        </dl>
      )}
      {error && (
        <button type="button" className="btn btn-small tone-bad" onClick={refresh} title={`${error.name}: ${error.message}`}>
          <span aria-hidden="true">✕ </span>
          {error.name} — retry
        </button>
      )}
      {view?.dataDir && (
        <div className="datadir" title={`Data folder: ${view.dataDir}`}>
          <span className="muted">Data</span> <code>{view.dataDir}</code>
        </div>
      )}
      <ThemeSwitch />
      {connecting && c && <ConnectionDialog connection={c} onSwitched={refresh} onClose={() => setConnecting(false)} />}
    </header>
  );
}
