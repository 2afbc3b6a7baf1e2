// The explicit states every view has: loading, empty (saying what to do next), error (Kafka's error
// name and message, and what to try).
import type { JSX, ReactNode } from 'react';
import type { ApiErrorBody } from '../../../shared/console-errors';
import { errorHint } from '../app/errors';

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
  return (
    <div className="state state-error" role="alert">
      {title && <p className="state-title">{title}</p>}
      <p className="error-line">
        <code className="error-name">{error.name}</code>: {error.message}
      </p>
      <p className="error-hint">{errorHint(error.name)}</p>
      <div className="state-actions">
        {onRetry && (
          <button type="button" className="btn" onClick={onRetry}>
            Retry
          </button>
        )}
        {children}
      </div>
    </div>
  );
}
