import { StaffStatus, type StaffMember } from '@relais/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Alert, ErrorAlert, PageHeader, ResultCount } from '../../../components/feedback';
import { actionsColumn, DataTable, type Column } from '../../../components/data-table';
import { Pager, pageCount } from '../../../components/pager';
import { QueryState } from '../../../components/query-state';
import { RelativeTime } from '../../../components/relative-time';
import { isApiErrorCode } from '../../../lib/api';
import { useCurrentStaff } from '../../../lib/session';
import { useSocketEvent } from '../../../lib/socket';
import { useListParams } from '../../../lib/use-list-params';
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
  const id = useId();
  const queryClient = useQueryClient();
  const { params, page, setParam, setPage } = useListParams();
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const q = params.get('q') ?? '';
  const status = StaffStatus.safeParse(params.get('status')).data ?? 'all';
  const list = useStaffList({ q: q || undefined, status, page, perPage: PER_PAGE });
  const setEnabled = useSetStaffEnabled();
  const resetTotp = useResetTotp();

  useSocketEvent('entity.changed', (event) => {
    if (event.entity === 'staff') void queryClient.invalidateQueries({ queryKey: staffQueryKey });
  });

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
  const disableError = isApiErrorCode(setEnabled.error, 'conflict') ? (
    <p className="field-error" role="alert">
      {t('errors.lastAdmin')}
    </p>
  ) : setEnabled.error ? (
    <ErrorAlert error={setEnabled.error} />
  ) : null;

  const openDialog = (next: NonNullable<Open>) => {
    if (next.kind === 'resetTotp') resetTotp.reset();
    if (next.kind === 'disable') setEnabled.reset();
    setOpen(next);
  };

  return (
    <div className="page page-stack">
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

      <QueryState query={list}>
        {(data) => (
          <>
            <ResultCount>{t('count', { count: data.total })}</ResultCount>
            <StaffTable
              items={data.items}
              onOpen={openDialog}
              onEnable={enable}
              enabling={setEnabled.isPending}
            />
            <Pager
              buttonClassName="button button-quiet"
              page={page}
              pages={pageCount(data)}
              onPage={setPage}
            />
          </>
        )}
      </QueryState>

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

/** The accounts, one row each, with the actions an admin may take on that person. */
function StaffTable({
  items,
  onOpen,
  onEnable,
  enabling,
}: {
  items: StaffMember[];
  onOpen: (open: NonNullable<Open>) => void;
  onEnable: (member: StaffMember) => void;
  enabling: boolean;
}) {
  const { t } = useTranslation(['staff', 'common']);
  const me = useCurrentStaff();
  const columns: Column<StaffMember>[] = [
    {
      key: 'name',
      header: t('columns.name'),
      rowHeader: true,
      cell: (member) => (
        <>
          {member.name}
          {member.id === me.staff.id ? <span className="muted small"> ({t('you')})</span> : null}
        </>
      ),
    },
    { key: 'email', header: t('columns.email'), cell: (member) => member.email },
    {
      key: 'roles',
      header: t('columns.roles'),
      cell: (member) => (
        <span className="role-badges">
          {member.roles.map((r) => (
            <span key={r} className="badge">
              {t(`common:roles.${r}`)}
            </span>
          ))}
        </span>
      ),
    },
    {
      key: 'status',
      header: t('columns.status'),
      cell: (member) => (member.disabled ? t('status.disabled') : t('status.active')),
    },
    {
      key: 'lastLogin',
      header: t('columns.lastLogin'),
      cell: (member) => <RelativeTime value={member.lastLoginAt} fallback={t('never')} />,
    },
    actionsColumn(t('columns.actions'), (member) => {
      const self = member.id === me.staff.id;
      return (
        <>
          <button
            type="button"
            className="button button-quiet"
            onClick={() => onOpen({ kind: 'edit', member })}
            aria-label={t('actions.editFor', { name: member.name })}
          >
            {t('actions.edit')}
          </button>
          <button
            type="button"
            className="button button-quiet"
            onClick={() => onOpen({ kind: 'reset', member })}
            aria-label={t('actions.resetFor', { name: member.name })}
          >
            {t('actions.reset')}
          </button>
          {member.totpEnabled && !self ? (
            <button
              type="button"
              className="button button-quiet"
              onClick={() => onOpen({ kind: 'resetTotp', member })}
              aria-label={t('actions.resetTotpFor', { name: member.name })}
            >
              {t('actions.resetTotp')}
            </button>
          ) : null}
          {member.disabled ? (
            <button
              type="button"
              className="button button-quiet"
              onClick={() => onEnable(member)}
              aria-label={t('actions.enableFor', { name: member.name })}
              disabled={enabling}
            >
              {t('actions.enable')}
            </button>
          ) : self ? null : (
            <button
              type="button"
              className="button button-quiet"
              onClick={() => onOpen({ kind: 'disable', member })}
              aria-label={t('actions.disableFor', { name: member.name })}
            >
              {t('actions.disable')}
            </button>
          )}
        </>
      );
    }),
  ];

  return (
    <DataTable
      columns={columns}
      rows={items}
      rowKey={(member) => member.id}
      rowClassName={(member) => (member.disabled ? 'data-table-muted' : undefined)}
    />
  );
}
