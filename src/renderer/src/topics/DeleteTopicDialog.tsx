import type { JSX } from 'react';
import { consoleClient } from '../api-client';
import { useFmt } from '../i18n/I18nProvider';
import { ConfirmDialog } from '../ui/ConfirmDialog';

export function DeleteTopicDialog({ name, onDeleted, onClose }: { name: string; onDeleted: () => void; onClose: () => void }): JSX.Element {
  const { t } = useFmt();
  return (
    <ConfirmDialog
      title={t('deleteTopic.title', { name })}
      confirmLabel={t('deleteTopic.confirm')}
      typeToConfirm={name}
      onConfirm={async () => {
        await consoleClient().call('topics:delete', { name });
        onDeleted();
      }}
      onClose={onClose}
    >
      <p>{t('deleteTopic.body')}</p>
    </ConfirmDialog>
  );
}
