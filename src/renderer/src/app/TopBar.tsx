// Which cluster is connected, its health at a glance, and the embedded cluster's data folder.
import { useState, type JSX } from 'react';
import { formatCount, formatDuration, formatExact } from '../format';
import { useFmt } from '../i18n/I18nProvider';
import { useCluster } from './cluster-context';
import { ConnectionDialog } from './ConnectionDialog';
import { errorMeaning } from './errors';
import { LanguageSwitch } from './LanguageSwitch';
import { ThemeSwitch } from './ThemeSwitch';
import { useChannel } from './useChannel';
import { useLagTicks } from './useLagTicks';

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
  const fmt = useFmt();
  const { t, locale } = fmt;
  const [connecting, setConnecting] = useState(false);
  const c = view?.connection;
  const h = view?.health;
  // The sampler's total, read again on each of its ticks (lag:sampled).
  const ticks = useLagTicks(Boolean(view));
  const lag = useChannel('lag:summary', {}, [ticks, view?.connection.bootstrap]).data;

  return (
    <header className="topbar">
      <div className="conn">
        {c ? (
          <>
            <span className={`tag tag-${c.kind}`}>{t(c.kind === 'embedded' ? 'topbar.embedded' : 'topbar.external')}</span>
            <span className="bootstrap" title={t('topbar.bootstrapTitle', { bootstrap: c.bootstrap })}>
              {c.bootstrap}
            </span>
          </>
        ) : (
          <span className="muted">{t(loading ? 'topbar.connecting' : 'topbar.notConnected')}</span>
        )}
        {c && (
          <button type="button" className="btn btn-small" onClick={() => setConnecting(true)}>
            {t('topbar.switchCluster')}
          </button>
        )}
      </div>
      {h && (
        <dl className="health" aria-label={t('health.label')}>
          <HealthItem
            label={t('health.brokers')}
            value={t('health.brokersUp', { up: h.brokersUp, total: h.brokersTotal })}
            tone={h.brokersUp === h.brokersTotal ? 'ok' : h.brokersUp === 0 ? 'bad' : 'warn'}
            title={t('health.brokers.hint')}
          />
          <HealthItem
            label={t('health.underReplicated')}
            value={formatExact(h.underReplicatedPartitions, locale)}
            tone={h.underReplicatedPartitions ? 'warn' : 'ok'}
            title={t('health.underReplicated.hint')}
          />
          {lag && (
            <HealthItem
              label={t('charts.topbar.lag')}
              value={lag.totalLag === null ? t('charts.topbar.noLag') : formatCount(lag.totalLag, locale)}
              tone={lag.error ? 'bad' : lag.laggingGroups > 0 ? 'warn' : 'ok'}
              title={
                lag.error
                  ? t('charts.topbar.lagError', { name: lag.error.name, message: lag.error.message })
                  : t('charts.topbar.lagHint', {
                      lag: lag.totalLag === null ? t('charts.topbar.noLag') : formatExact(lag.totalLag, locale),
                      lagging: lag.laggingGroups,
                      groups: lag.groups,
                      timeLag: lag.maxTimeLagMs === null ? t('charts.topbar.noLag') : formatDuration(lag.maxTimeLagMs, locale),
                    })
              }
            />
          )}
          <HealthItem label={t('health.offline')} value={formatExact(h.offlinePartitions, locale)} tone={h.offlinePartitions ? 'bad' : 'ok'} title={t('health.offline.hint')} />
        </dl>
      )}
      {error && (
        <button type="button" className="btn btn-small tone-bad" onClick={refresh} title={[error.name, error.message, errorMeaning(error.name, fmt)].filter((x) => x).join(' — ')}>
          <span aria-hidden="true">✕ </span>
          {t('topbar.errorRetry', { name: error.name })}
        </button>
      )}
      {view?.dataDir && (
        <div className="datadir" title={t('topbar.dataDirTitle', { dir: view.dataDir })}>
          <span className="muted">{t('topbar.data')}</span> <code>{view.dataDir}</code>
        </div>
      )}
      <div className="topbar-prefs">
        <LanguageSwitch />
        <ThemeSwitch />
      </div>
      {connecting && c && <ConnectionDialog connection={c} onSwitched={refresh} onClose={() => setConnecting(false)} />}
    </header>
  );
}
