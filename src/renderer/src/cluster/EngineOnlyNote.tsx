// What an external cluster shows where the embedded cluster has engine-only parts (link faults,
// the event log): a plain note saying so, not an error.
import type { JSX, ReactNode } from 'react';
import { useFmt } from '../i18n/I18nProvider';

export function EngineOnlyNote({ id, heading, what, why }: { id: string; heading: string; what: string; why: ReactNode }): JSX.Element {
  const { t } = useFmt();
  return (
    <section aria-labelledby={id} className="section panel">
      <div className="section-head">
        <h2 id={id}>{heading}</h2>
      </div>
      <p className="not-supported" role="note">
        <strong>{t('engineOnly.notSupported', { what })}</strong> {why}
      </p>
    </section>
  );
}
