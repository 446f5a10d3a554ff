import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../lib/api';

/** A message block. Errors are announced at once by screen readers (role=alert); notices politely. */
export function Alert({
  tone = 'info',
  title,
  children,
}: {
  tone?: 'info' | 'success' | 'warning' | 'error';
  title?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div className={`alert alert-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {title ? <p className="alert-title">{title}</p> : null}
      {children}
    </div>
  );
}

/** The reader's-language message for any error; the server's request id is shown for support. */
export function useErrorMessage() {
  const { t } = useTranslation('common');
  return (error: unknown) =>
    isApiError(error)
      ? t(`errors.${error.code}`, { defaultValue: t('errors.unknown') })
      : t('errors.unknown');
}

export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation('common');
  const message = useErrorMessage();
  return (
    <Alert tone="error">
      <p>{message(error)}</p>
      {isApiError(error) && error.requestId ? (
        <p className="muted small">{t('errors.reference', { id: error.requestId })}</p>
      ) : null}
      {onRetry ? (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          {t('actions.retry')}
        </button>
      ) : null}
    </Alert>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation('common');
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label ?? t('loading')}</span>
    </div>
  );
}

/** The top of a screen: its one h1 (focused after navigation by the shell, and named in the tab title). */
/** How many rows a list holds, read out when it changes (filters, paging). */
export function ResultCount({ children }: { children: ReactNode }) {
  return (
    <p className="muted small" aria-live="polite">
      {children}
    </p>
  );
}

export function PageHeader({
  title,
  actions,
  children,
}: {
  title: ReactNode;
  actions?: ReactNode;
  children?: ReactNode;
}) {
  useEffect(() => {
    if (typeof title !== 'string') return;
    document.title = `${title} · Relais`;
    return () => {
      document.title = 'Relais';
    };
  }, [title]);
  return (
    <div className="page-header">
      <div>
        <h1 tabIndex={-1} data-page-title>
          {title}
        </h1>
        {children}
      </div>
      {actions ? <div className="page-actions">{actions}</div> : null}
    </div>
  );
}
