import { SCOPES, type ApiKey, type CreatedApiKey, type Scope } from '@relais/contracts';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { actionsColumn, DataTable, type Column } from '../../../components/data-table';
import { Alert, ErrorAlert, PageHeader } from '../../../components/feedback';
import { QueryState } from '../../../components/query-state';
import { RelativeTime } from '../../../components/relative-time';
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
    <div className="page page-stack">
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
      <QueryState
        query={keys}
        isEmpty={(data) => data.items.length === 0}
        empty={<p className="muted">{t('keys.none')}</p>}
      >
        {(data) => (
          <KeyTable
            items={data.items}
            onRevoke={(key) => {
              revoke.reset();
              setRevoking(key);
            }}
          />
        )}
      </QueryState>

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
  const columns: Column<ApiKey>[] = [
    { key: 'name', header: t('keys.columns.name'), rowHeader: true, cell: (key) => key.name },
    { key: 'prefix', header: t('keys.columns.prefix'), cell: (key) => <code>{key.prefix}…</code> },
    {
      key: 'scopes',
      header: t('keys.columns.scopes'),
      cell: (key) =>
        key.scopes.map((s) => (
          <code key={s} className="st-scope">
            {s}
          </code>
        )),
    },
    {
      key: 'created',
      header: t('keys.columns.created'),
      cell: (key) => (
        <>
          {format.date(key.createdAt)}
          {key.createdBy ? <span className="muted small"> · {key.createdBy.name}</span> : null}
        </>
      ),
    },
    {
      key: 'lastUsed',
      header: t('keys.columns.lastUsed'),
      cell: (key) => <RelativeTime value={key.lastUsedAt} fallback={t('never')} />,
    },
    {
      key: 'status',
      header: t('keys.columns.status'),
      cell: (key) =>
        key.revokedAt
          ? t('keys.status.revoked', { date: format.date(key.revokedAt) })
          : t('keys.status.active'),
    },
    actionsColumn(t('columns.actions'), (key) =>
      key.revokedAt ? null : (
        <button
          type="button"
          className="button button-quiet"
          onClick={() => onRevoke(key)}
          aria-label={t('keys.revokeFor', { name: key.name })}
        >
          {t('keys.revokeAction')}
        </button>
      ),
    ),
  ];
  return (
    <DataTable
      columns={columns}
      rows={items}
      rowKey={(key) => key.id}
      rowClassName={(key) => (key.revokedAt ? 'data-table-muted' : undefined)}
    />
  );
}
