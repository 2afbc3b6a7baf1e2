// The explicit states every view has: loading, empty (saying what to do next), error (Kafka's error
// name as Kafka writes it, the message as the cluster sent it, what the name means and what to try).
import type { JSX, ReactNode } from 'react';
import type { ApiErrorBody } from '../../../shared/console-errors';
import { errorHint, errorMeaning } from '../app/errors';
import { useFmt } from '../i18n/I18nProvider';

export function Loading({ label }: { label: string }): JSX.Element {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }): JSX.Element {
  return (
    <div className="state state-empty" role="status">
      <p className="state-title">{title}</p>
      {children}
    </div>
  );
}

export function ErrorPanel({ error, title, onRetry, children }: { error: ApiErrorBody; title?: string; onRetry?: () => void; children?: ReactNode }): JSX.Element {
  const fmt = useFmt();
  return (
    <div className="state state-error" role="alert">
      {title && <p className="state-title">{title}</p>}
      <p className="error-line">
        <code className="error-name">{error.name}</code> <span className="error-meaning">({errorMeaning(error.name, fmt)})</span>
        {/* The cluster's own words: Kafka and the engine host speak English. */}
        {error.message && (
          <>
            : <span lang="en">{error.message}</span>
          </>
        )}
      </p>
      <p className="error-hint">{errorHint(error.name, fmt)}</p>
      <div className="state-actions">
        {onRetry && (
          <button type="button" className="btn" onClick={onRetry}>
            {fmt.t('common.retry')}
          </button>
        )}
        {children}
      </div>
    </div>
  );
}
