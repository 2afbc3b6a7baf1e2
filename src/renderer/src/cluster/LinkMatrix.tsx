// Cut and heal the link between two brokers. Each pair has one switch (above the diagonal); the
// mirror cell below repeats the status, so the matrix reads the same from either broker's row.
// Cutting confirms first (it partitions replication); healing runs at once.
import { useState, type JSX } from 'react';
import type { ApiErrorBody } from '../../../shared/console-errors';
import type { EngineClusterState, FaultMode } from '../../../shared/engine-types';
import { toErrorBody } from '../app/errors';
import { ActionButton } from '../ui/ActionButton';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { ErrorPanel } from '../ui/StateViews';
import { linkLook, linkStatus, linkSwitch, linkSwitchLabel, type LinkStatus } from './link-matrix';
import { linkKey, useLinkActions, type LinkActions } from './useLinkActions';
import { NOT_AVAILABLE_YET } from './useBrokerActions';

const MODES: ReadonlyArray<{ mode: FaultMode; label: string; description: string }> = [
  { mode: 'blackhole', label: 'Blackhole', description: 'Bytes stop flowing both ways, connections stay open: requests time out, as in a real partition.' },
  { mode: 'reset', label: 'Reset', description: 'Connections between the two are refused or reset at once: requests fail fast.' },
];

function StatusText({ status }: { status: LinkStatus }): JSX.Element {
  const look = linkLook(status);
  if (status.kind === 'self') return <span className="muted" aria-label="same broker">—</span>;
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
        label={linkSwitchLabel(action, a, b)}
        className="btn-small"
        variant={action === 'cut' ? 'danger' : 'default'}
        unavailable={!actions.available ? NOT_AVAILABLE_YET : busy ? 'Running…' : undefined}
        hint={action === 'cut' ? `Stop traffic between broker ${a} and broker ${b}` : `Let broker ${a} and broker ${b} talk again`}
        onClick={action === 'cut' ? onCut : onHeal}
      >
        {action === 'cut' ? 'Cut' : 'Heal'}
      </ActionButton>
    </td>
  );
}

export function LinkMatrix({ state, onChanged }: { state: EngineClusterState; onChanged: () => void }): JSX.Element {
  const actions = useLinkActions(onChanged);
  const [cutting, setCutting] = useState<[number, number] | null>(null);
  const [mode, setMode] = useState<FaultMode>('blackhole');
  const [error, setError] = useState<{ what: string; error: ApiErrorBody } | null>(null);
  const ids = state.brokers.map((b) => b.id).sort((x, y) => x - y);

  const heal = (a: number, b: number): void => {
    setError(null);
    actions.run('heal', a, b).catch((err: unknown) => setError({ what: `Heal link ${a}–${b}`, error: toErrorBody(err) }));
  };

  return (
    <section aria-labelledby="links-heading" className="section panel">
      <div className="section-head">
        <h2 id="links-heading">Links</h2>
        <p className="muted">Between two brokers only: clients and the controller still reach both.</p>
      </div>
      {error && <ErrorPanel error={error.error} title={`${error.what} failed`} />}
      <div className="link-scroll">
        <table className="link-matrix" aria-label="Links between brokers">
          <thead>
            <tr>
              <td />
              {ids.map((id) => (
                <th key={id} scope="col">
                  Broker {id}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ids.map((a) => (
              <tr key={a}>
                <th scope="row">Broker {a}</th>
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
          title={`Cut the link between broker ${cutting[0]} and broker ${cutting[1]}?`}
          confirmLabel="Cut link"
          onConfirm={() => actions.run('cut', cutting[0], cutting[1], mode)}
          onClose={() => setCutting(null)}
        >
          <p>
            Replication between the two stops: a follower that fetches from the other falls out of the ISR after replica.lag.time.max.ms. Heal
            it from the same cell.
          </p>
          <fieldset className="radio-group">
            <legend>How</legend>
            {MODES.map((m) => (
              <label key={m.mode} className="radio">
                <input type="radio" name="link-mode" value={m.mode} checked={mode === m.mode} onChange={() => setMode(m.mode)} />
                <span>
                  <strong>{m.label}</strong> <span className="muted">{m.description}</span>
                </span>
              </label>
            ))}
          </fieldset>
        </ConfirmDialog>
      )}
    </section>
  );
}
