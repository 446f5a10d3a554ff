import { StaffStatus, type StaffMember } from '@relais/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { Alert, ErrorAlert, Loading, PageHeader } from '../../../components/feedback';
import { Pager } from '../../../components/pager';
import { isApiError } from '../../../lib/api';
import { useFormat } from '../../../lib/format';
import { useCurrentStaff } from '../../../lib/session';
import { useSocketEvent } from '../../../lib/socket';
import { useResetTotp } from '../api/reset-totp';
import { useSetStaffEnabled } from '../api/set-staff-enabled';
import { staffQueryKey, useStaffList } from '../api/staff-list';
import { ConfirmDialog } from './confirm-dialog';
import { ResetPasswordDialog } from './reset-password-dialog';
import { StaffFormDialog } from './staff-form-dialog';

const PER_PAGE = 50;

type Open =
  { kind: 'create' } | { kind: 'edit' | 'reset' | 'resetTotp' | 'disable'; member: StaffMember } | null;

/** Admins: everyone with an account, their roles and status; create, edit, disable, reset passwords. */
export default function StaffScreen() {
  const { t } = useTranslation(['staff', 'common']);
  const format = useFormat();
  const me = useCurrentStaff();
  const id = useId();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const q = params.get('q') ?? '';
  const status = StaffStatus.safeParse(params.get('status')).data ?? 'all';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const list = useStaffList({ q: q || undefined, status, page, perPage: PER_PAGE });
  const setEnabled = useSetStaffEnabled();
  const resetTotp = useResetTotp();

  useSocketEvent('entity.changed', (event) => {
    if (event.entity === 'staff') void queryClient.invalidateQueries({ queryKey: staffQueryKey });
  });

  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page') next.delete('page');
    setParams(next, { replace: key !== 'page' });
  };

  const enable = (member: StaffMember) =>
    setEnabled.mutate(
      { id: member.id, enabled: true },
      { onSuccess: () => setNotice(t('notices.enabled', { name: member.name })) },
    );
  const disable = (member: StaffMember) =>
    setEnabled.mutate(
      { id: member.id, enabled: false },
      {
        onSuccess: () => {
          setOpen(null);
          setNotice(t('notices.disabled', { name: member.name }));
        },
      },
    );
  const close = () => setOpen(null);
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / list.data.perPage)) : 1;
  const disableError =
    setEnabled.error && isApiError(setEnabled.error) && setEnabled.error.code === 'conflict' ? (
      <p className="field-error" role="alert">
        {t('errors.lastAdmin')}
      </p>
    ) : setEnabled.error ? (
      <ErrorAlert error={setEnabled.error} />
    ) : null;

  return (
    <div className="page st-page">
      <PageHeader
        title={t('title')}
        actions={
          <>
            <Link className="button button-secondary" to="/staff/api-keys">
              {t('keys.link')}
            </Link>
            <button
              type="button"
              className="button button-primary"
              onClick={() => setOpen({ kind: 'create' })}
            >
              {t('create')}
            </button>
          </>
        }
      >
        <p className="muted">{t('intro')}</p>
      </PageHeader>

      {notice ? <Alert tone="success">{notice}</Alert> : null}

      <div className="st-filters" role="search">
        <div className="field">
          <label htmlFor={`${id}-q`}>{t('filters.search')}</label>
          <input id={`${id}-q`} type="search" value={q} onChange={(e) => setParam('q', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-status`}>{t('filters.status')}</label>
          <select id={`${id}-status`} value={status} onChange={(e) => setParam('status', e.target.value)}>
            {StaffStatus.options.map((s) => (
              <option key={s} value={s}>
                {t(`filters.statuses.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>

      {list.isPending ? <Loading /> : null}
      {list.error ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data ? (
        <>
          <p className="muted small" aria-live="polite">
            {t('count', { count: list.data.total })}
          </p>
          <div className="st-table-wrap">
            <table className="st-table">
              <thead>
                <tr>
                  <th scope="col">{t('columns.name')}</th>
                  <th scope="col">{t('columns.email')}</th>
                  <th scope="col">{t('columns.roles')}</th>
                  <th scope="col">{t('columns.status')}</th>
                  <th scope="col">{t('columns.lastLogin')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('columns.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((member) => {
                  const self = member.id === me.staff.id;
                  return (
                    <tr key={member.id} className={member.disabled ? 'st-disabled' : undefined}>
                      <th scope="row">
                        {member.name}
                        {self ? <span className="muted small"> ({t('you')})</span> : null}
                      </th>
                      <td>{member.email}</td>
                      <td>
                        <span className="role-badges">
                          {member.roles.map((r) => (
                            <span key={r} className="badge">
                              {t(`common:roles.${r}`)}
                            </span>
                          ))}
                        </span>
                      </td>
                      <td>{member.disabled ? t('status.disabled') : t('status.active')}</td>
                      <td>
                        {member.lastLoginAt ? (
                          <time dateTime={member.lastLoginAt} title={format.dateTime(member.lastLoginAt)}>
                            {format.relative(member.lastLoginAt)}
                          </time>
                        ) : (
                          <span className="muted">{t('never')}</span>
                        )}
                      </td>
                      <td className="st-actions">
                        <button
                          type="button"
                          className="button button-quiet"
                          onClick={() => setOpen({ kind: 'edit', member })}
                          aria-label={t('actions.editFor', { name: member.name })}
                        >
                          {t('actions.edit')}
                        </button>
                        <button
                          type="button"
                          className="button button-quiet"
                          onClick={() => setOpen({ kind: 'reset', member })}
                          aria-label={t('actions.resetFor', { name: member.name })}
                        >
                          {t('actions.reset')}
                        </button>
                        {member.totpEnabled && !self ? (
                          <button
                            type="button"
                            className="button button-quiet"
                            onClick={() => {
                              resetTotp.reset();
                              setOpen({ kind: 'resetTotp', member });
                            }}
                            aria-label={t('actions.resetTotpFor', { name: member.name })}
                          >
                            {t('actions.resetTotp')}
                          </button>
                        ) : null}
                        {member.disabled ? (
                          <button
                            type="button"
                            className="button button-quiet"
                            onClick={() => enable(member)}
                            aria-label={t('actions.enableFor', { name: member.name })}
                            disabled={setEnabled.isPending}
                          >
                            {t('actions.enable')}
                          </button>
                        ) : self ? null : (
                          <button
                            type="button"
                            className="button button-quiet"
                            onClick={() => {
                              setEnabled.reset();
                              setOpen({ kind: 'disable', member });
                            }}
                            aria-label={t('actions.disableFor', { name: member.name })}
                          >
                            {t('actions.disable')}
                          </button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <Pager
            className="st-pager"
            buttonClassName="button button-quiet"
            page={page}
            pages={pages}
            onPage={(p) => setParam('page', String(p))}
          />
        </>
      ) : null}

      {open?.kind === 'create' || open?.kind === 'edit' ? (
        <StaffFormDialog
          member={open.kind === 'edit' ? open.member : undefined}
          onClose={close}
          onDone={(saved) => {
            close();
            setNotice(t(open.kind === 'edit' ? 'notices.saved' : 'notices.created', { name: saved.name }));
          }}
        />
      ) : null}
      {open?.kind === 'reset' ? (
        <ResetPasswordDialog
          member={open.member}
          onClose={close}
          onDone={() => {
            close();
            setNotice(t('notices.reset', { name: open.member.name }));
          }}
        />
      ) : null}
      {open?.kind === 'resetTotp' ? (
        <ConfirmDialog
          title={t('resetTotp.title', { name: open.member.name })}
          body={<p>{t('resetTotp.body')}</p>}
          confirmLabel={t('resetTotp.confirm')}
          busy={resetTotp.isPending}
          error={resetTotp.error ? <ErrorAlert error={resetTotp.error} /> : null}
          onConfirm={() =>
            resetTotp.mutate(open.member.id, {
              onSuccess: () => {
                close();
                setNotice(t('notices.resetTotp', { name: open.member.name }));
              },
            })
          }
          onClose={close}
        />
      ) : null}
      {open?.kind === 'disable' ? (
        <ConfirmDialog
          title={t('disable.title', { name: open.member.name })}
          body={<p>{t('disable.body')}</p>}
          confirmLabel={t('disable.confirm')}
          busy={setEnabled.isPending}
          error={disableError}
          onConfirm={() => disable(open.member)}
          onClose={close}
        />
      ) : null}
    </div>
  );
}
