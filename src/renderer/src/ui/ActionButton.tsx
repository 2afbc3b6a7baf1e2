// A button that can be unavailable with a reason. It uses aria-disabled rather than `disabled` so
// it stays focusable and its reason (the tooltip, also its accessible description) can be read.
import type { JSX, MouseEvent, ReactNode } from 'react';

export interface ActionButtonProps {
  /** The accessible name, e.g. "Kill broker 2"; the visible text can be shorter. */
  label: string;
  children: ReactNode;
  onClick: () => void;
  /** Why the action cannot run now; undefined when it can. */
  unavailable?: string;
  /** What the action does, shown as a tooltip when available. */
  hint?: string;
  variant?: 'default' | 'danger' | 'primary';
  className?: string;
}

export function ActionButton({ label, children, onClick, unavailable, hint, variant = 'default', className }: ActionButtonProps): JSX.Element {
  const disabled = unavailable !== undefined;
  const handle = (e: MouseEvent): void => {
    if (disabled) {
      e.preventDefault();
      return;
    }
    onClick();
  };
  return (
    <button
      type="button"
      className={`btn btn-${variant}${className ? ` ${className}` : ''}`}
      aria-label={label}
      aria-disabled={disabled || undefined}
      title={unavailable ?? hint}
      onClick={handle}
    >
      {children}
    </button>
  );
}
