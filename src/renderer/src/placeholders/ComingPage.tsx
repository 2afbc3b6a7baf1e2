import type { JSX } from 'react';
import { useFmt } from '../i18n/I18nProvider';
import type { MessageId } from '../i18n/messages';
import { Empty } from '../ui/StateViews';

/** A section whose channels the engine host does not offer yet. */
export function ComingPage({ title, empty, what }: { title: MessageId; empty: MessageId; what: MessageId }): JSX.Element {
  const { t } = useFmt();
  return (
    <>
      <h1>{t(title)}</h1>
      <Empty title={t(empty)}>
        <p className="muted">{t(what)}</p>
      </Empty>
    </>
  );
}
