// Cut and heal the link between two brokers. Each pair has one switch (above the diagonal); the
// mirror cell below repeats the status, so the matrix reads the same from either broker's row.
// Cutting confirms first (it partitions replication); healing runs at once.
import { useState, type JSX } from 'react';
import type { ApiErrorBody } from '../../../shared/console-errors';
import type { EngineClusterState, FaultMode } from '../../../shared/engine-types';
import { toErrorBody } from '../app/errors';
import { useFmt } from '../i18n/I18nProvider';
import type { MessageId } from '../i18n/messages';
import { ActionButton } from '../ui/ActionButton';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { ErrorPanel } from '../ui/StateViews';
import { linkLook, linkStatus, linkSwitch, linkSwitchLabel, type LinkStatus } from './link-matrix';
import { linkKey, useLinkActions, type LinkActions } from './useLinkActions';
import { NOT_AVAILABLE_YET } from './useBrokerActions';

const MODES: ReadonlyArray<{ mode: FaultMode; label: MessageId; description: MessageId }> = [
  { mode: 'blackhole', label: 'links.mode.blackhole', description: 'links.mode.blackhole.description' },
  { mode: 'reset', label: 'links.mode.reset', description: 'links.mode.reset.description' },
];

function StatusText({ status }: { status: LinkStatus }): JSX.Element {
  const fmt = useFmt();
  const look = linkLook(status, fmt);
  if (status.kind === 'self') return <span className="muted" aria-label={fmt.t('links.sameBroker')}>—</span>;
  return (
    <span className={`link-status tone-${look.tone}`}>
      <span aria-hidden="true">{look.icon} </span>
      {look.label}
    </span>
  );
}

function Cell({ a, b, state, actions, onCut, onHeal }: {
  a: number;
  b: number;
  state: EngineClusterState;
  actions: LinkActions;
  onCut: () => void;
  onHeal: () => void;
}): JSX.Element {
  const fmt = useFmt();
  const { t } = fmt;
  const status = linkStatus(a, b, state);
  const action = linkSwitch(status);
  const mirror = a > b;
  if (!action || mirror) {
    return (
      <td className={mirror ? 'link-cell link-mirror' : 'link-cell link-self'}>
        <StatusText status={status} />
      </td>
    );
  }
  const busy = actions.pending.has(linkKey(a, b));
  return (
    <td className={`link-cell${status.kind === 'cut' ? ' link-cut' : ''}`}>
      <StatusText status={status} />
      <ActionButton
        label={linkSwitchLabel(action, a, b, fmt)}
        className="btn-small"
        variant={action === 'cut' ? 'danger' : 'default'}
        unavailable={!actions.available ? t(NOT_AVAILABLE_YET) : busy ? t('switch.running') : undefined}
        hint={t(action === 'cut' ? 'links.cut.hint' : 'links.heal.hint', { a, b })}
        onClick={action === 'cut' ? onCut : onHeal}
      >
        {t(action === 'cut' ? 'links.cut' : 'links.heal')}
      </ActionButton>
    </td>
  );
}

export function LinkMatrix({ state, onChanged }: { state: EngineClusterState; onChanged: () => void }): JSX.Element {
  const { t } = useFmt();
  const actions = useLinkActions(onChanged);
  const [cutting, setCutting] = useState<[number, number] | null>(null);
  const [mode, setMode] = useState<FaultMode>('blackhole');
  const [error, setError] = useState<{ a: number; b: number; error: ApiErrorBody } | null>(null);
  const ids = state.brokers.map((b) => b.id).sort((x, y) => x - y);

  const heal = (a: number, b: number): void => {
    setError(null);
    actions.run('heal', a, b).catch((err: unknown) => setError({ a: Math.min(a, b), b: Math.max(a, b), error: toErrorBody(err) }));
  };

  return (
    <section aria-labelledby="links-heading" className="section panel">
      <div className="section-head">
        <h2 id="links-heading">{t('links.heading')}</h2>
        <p className="muted">{t('links.subtitle')}</p>
      </div>
      {error && <ErrorPanel error={error.error} title={t('switch.failed', { action: t('links.heal.name', { a: error.a, b: error.b }) })} />}
      <div className="link-scroll">
        <table className="link-matrix" aria-label={t('links.table')}>
          <thead>
            <tr>
              <td />
              {ids.map((id) => (
                <th key={id} scope="col">
                  {t('common.broker', { id })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ids.map((a) => (
              <tr key={a}>
                <th scope="row">{t('common.broker', { id: a })}</th>
                {ids.map((b) => (
                  <Cell
                    key={b}
                    a={a}
                    b={b}
                    state={state}
                    actions={actions}
                    onCut={() => {
                      setError(null);
                      setMode('blackhole');
                      setCutting([a, b]);
                    }}
                    onHeal={() => heal(a, b)}
                  />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {cutting && (
        <ConfirmDialog
          title={t('links.cut.confirmTitle', { a: Math.min(...cutting), b: Math.max(...cutting) })}
          confirmLabel={t('links.cut.confirm')}
          onConfirm={() => actions.run('cut', cutting[0], cutting[1], mode)}
          onClose={() => setCutting(null)}
        >
          <p>{t('links.cut.body')}</p>
          <fieldset className="radio-group">
            <legend>{t('links.mode.legend')}</legend>
            {MODES.map((m) => (
              <label key={m.mode} className="radio">
                <input type="radio" name="link-mode" value={m.mode} checked={mode === m.mode} onChange={() => setMode(m.mode)} />
                <span>
                  <strong>{t(m.label)}</strong> <span className="muted">{t(m.description)}</span>
                </span>
              </label>
            ))}
          </fieldset>
        </ConfirmDialog>
      )}
    </section>
  );
}
