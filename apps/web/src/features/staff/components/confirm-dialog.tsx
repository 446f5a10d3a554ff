import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal } from '../../../components/modal';

/** Asks before an action that takes effect at once (disable someone, revoke a key). */
export function ConfirmDialog({
  title,
  body,
  confirmLabel,
  busy,
  error,
  onConfirm,
  onClose,
}: {
  title: string;
  body: ReactNode;
  confirmLabel: string;
  busy: boolean;
  error?: ReactNode;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('common');
  return (
    <Modal
      title={title}
      description={body}
      onEscape={onClose}
      initialFocus="first-field"
      alert
      className="st-modal"
      actions={
        <>
          <button type="button" className="button button-quiet" onClick={onClose}>
            {t('actions.cancel')}
          </button>
          <button
            type="button"
            className="button button-primary st-danger"
            disabled={busy}
            onClick={onConfirm}
          >
            {confirmLabel}
          </button>
        </>
      }
    >
      {error}
    </Modal>
  );
}
