import { SCOPES, type ApiKey, type CreatedApiKey, type Scope } from '@relais/contracts';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Alert, ErrorAlert, Loading, PageHeader } from '../../../components/feedback';
import { useFormat } from '../../../lib/format';
import { useApiKeys } from '../api/api-keys';
import { useCreateApiKey } from '../api/create-api-key';
import { useRevokeApiKey } from '../api/revoke-api-key';
import { ConfirmDialog } from './confirm-dialog';
import { serverFieldErrors } from './field-errors';

/** Admins: keys for machine clients (telephony, open data, reports, imports). A key is shown once. */
export default function ApiKeysScreen() {
  const { t } = useTranslation(['staff', 'common']);
  const keys = useApiKeys();
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const revoke = useRevokeApiKey();

  return (
    <div className="page st-page">
      <PageHeader
        title={t('keys.title')}
        actions={
          <Link className="button button-secondary" to="/staff">
            {t('keys.backToStaff')}
          </Link>
        }
      >
        <p className="muted">{t('keys.intro')}</p>
      </PageHeader>

      {created ? (
        <NewKey created={created} onDone={() => setCreated(null)} />
      ) : (
        <CreateKeyForm onCreated={setCreated} />
      )}

      <h2 className="st-section">{t('keys.listTitle')}</h2>
      {keys.isPending ? <Loading /> : null}
      {keys.error ? <ErrorAlert error={keys.error} onRetry={() => void keys.refetch()} /> : null}
      {keys.data?.items.length === 0 ? <p className="muted">{t('keys.none')}</p> : null}
      {keys.data?.items.length ? (
        <KeyTable
          items={keys.data.items}
          onRevoke={(key) => {
            revoke.reset();
            setRevoking(key);
          }}
        />
      ) : null}

      {revoking ? (
        <ConfirmDialog
          title={t('keys.revoke.title', { name: revoking.name })}
          body={<p>{t('keys.revoke.body')}</p>}
          confirmLabel={t('keys.revoke.confirm')}
          busy={revoke.isPending}
          error={revoke.error ? <ErrorAlert error={revoke.error} /> : null}
          onConfirm={() => revoke.mutate(revoking.id, { onSuccess: () => setRevoking(null) })}
          onClose={() => setRevoking(null)}
        />
      ) : null}
    </div>
  );
}

function CreateKeyForm({ onCreated }: { onCreated: (key: CreatedApiKey) => void }) {
  const { t } = useTranslation(['staff', 'common']);
  const id = useId();
  const create = useCreateApiKey();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Scope[]>([]);
  const [errors, setErrors] = useState<Partial<Record<'name' | 'scopes', string>>>({});

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (!name.trim()) found.name = 'keys.errors.name';
    if (scopes.length === 0) found.scopes = 'keys.errors.scopes';
    setErrors(found);
    if (Object.keys(found).length) return;
    create.mutate(
      { name: name.trim(), scopes },
      {
        onSuccess: (key) => {
          setName('');
          setScopes([]);
          onCreated(key);
        },
        onError: (error) => {
          const fields = serverFieldErrors(error, ['name', 'scopes'] as const);
          setErrors({
            name: fields.name ? 'keys.errors.name' : undefined,
            scopes: fields.scopes ? 'keys.errors.scopes' : undefined,
          });
        },
      },
    );
  };

  return (
    <form className="form card st-card" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="st-section">
        {t('keys.createTitle')}
      </h2>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('keys.name')}</label>
        <input
          id={`${id}-name`}
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={`${id}-name-help${errors.name ? ` ${id}-name-error` : ''}`}
        />
        <p className="muted small" id={`${id}-name-help`}>
          {t('keys.nameHelp')}
        </p>
        {errors.name ? (
          <p className="field-error" id={`${id}-name-error`}>
            {t(errors.name)}
          </p>
        ) : null}
      </div>
      <fieldset className="st-checks">
        <legend>{t('keys.scopes')}</legend>
        {SCOPES.map((scope) => (
          <label key={scope} className="st-check">
            <input
              type="checkbox"
              checked={scopes.includes(scope)}
              onChange={(e) =>
                setScopes(
                  e.target.checked
                    ? SCOPES.filter((s) => s === scope || scopes.includes(s))
                    : scopes.filter((s) => s !== scope),
                )
              }
            />
            <span>
              <code>{scope}</code>
              <span className="muted small"> — {t(`keys.scopeHelp.${scope}`)}</span>
            </span>
          </label>
        ))}
        {errors.scopes ? <p className="field-error">{t(errors.scopes)}</p> : null}
      </fieldset>
      {create.error && !errors.name && !errors.scopes ? <ErrorAlert error={create.error} /> : null}
      <div>
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {t('keys.create')}
        </button>
      </div>
    </form>
  );
}

/** The new key, in clear, once: with a copy button and a reminder that it cannot be shown again. */
function NewKey({ created, onDone }: { created: CreatedApiKey; onDone: () => void }) {
  const { t } = useTranslation(['staff', 'common']);
  const id = useId();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.key);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <Alert tone="success" title={t('keys.created.title', { name: created.name })}>
      <p>{t('keys.created.body')}</p>
      <div className="st-key">
        <label htmlFor={`${id}-key`} className="visually-hidden">
          {t('keys.created.label')}
        </label>
        <input
          id={`${id}-key`}
          readOnly
          value={created.key}
          onFocus={(e) => e.target.select()}
          className="st-key-value"
        />
        <button type="button" className="button button-primary" onClick={() => void copy()}>
          {t('keys.created.copy')}
        </button>
      </div>
      <p role="status" className="small">
        {copied === 'yes'
          ? t('keys.created.copied')
          : copied === 'failed'
            ? t('keys.created.copyFailed')
            : ''}
      </p>
      <button type="button" className="button button-secondary" onClick={onDone}>
        {t('keys.created.done')}
      </button>
    </Alert>
  );
}

function KeyTable({ items, onRevoke }: { items: ApiKey[]; onRevoke: (key: ApiKey) => void }) {
  const { t } = useTranslation(['staff', 'common']);
  const format = useFormat();
  return (
    <div className="st-table-wrap">
      <table className="st-table">
        <thead>
          <tr>
            <th scope="col">{t('keys.columns.name')}</th>
            <th scope="col">{t('keys.columns.prefix')}</th>
            <th scope="col">{t('keys.columns.scopes')}</th>
            <th scope="col">{t('keys.columns.created')}</th>
            <th scope="col">{t('keys.columns.lastUsed')}</th>
            <th scope="col">{t('keys.columns.status')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('columns.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((key) => (
            <tr key={key.id} className={key.revokedAt ? 'st-disabled' : undefined}>
              <th scope="row">{key.name}</th>
              <td>
                <code>{key.prefix}…</code>
              </td>
              <td>
                {key.scopes.map((s) => (
                  <code key={s} className="st-scope">
                    {s}
                  </code>
                ))}
              </td>
              <td>
                {format.date(key.createdAt)}
                {key.createdBy ? <span className="muted small"> · {key.createdBy.name}</span> : null}
              </td>
              <td>
                {key.lastUsedAt ? (
                  <time dateTime={key.lastUsedAt} title={format.dateTime(key.lastUsedAt)}>
                    {format.relative(key.lastUsedAt)}
                  </time>
                ) : (
                  <span className="muted">{t('never')}</span>
                )}
              </td>
              <td>
                {key.revokedAt
                  ? t('keys.status.revoked', { date: format.date(key.revokedAt) })
                  : t('keys.status.active')}
              </td>
              <td className="st-actions">
                {key.revokedAt ? null : (
                  <button
                    type="button"
                    className="button button-quiet"
                    onClick={() => onRevoke(key)}
                    aria-label={t('keys.revokeFor', { name: key.name })}
                  >
                    {t('keys.revokeAction')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
