import { AUDIT_ACTIONS, type AuditActor, type AuditEntry } from '@relais/contracts';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { DataTable, type Column } from '../../../components/data-table';
import { PageHeader, ResultCount } from '../../../components/feedback';
import { Pager, pageCount } from '../../../components/pager';
import { QueryState } from '../../../components/query-state';
import { useFormat } from '../../../lib/format';
import { hasAnyRole, useCurrentStaff } from '../../../lib/session';
import { useListParams } from '../../../lib/use-list-params';
import { useAuditActors } from '../api/audit-actors';
import { useAuditPage, type AuditFilters } from '../api/audit-page';

const FILTERS = ['actorId', 'action', 'entityType', 'entityId', 'from', 'to'] as const;
type FilterKey = (typeof FILTERS)[number];
type Draft = Record<FilterKey, string>;
const PER_PAGE = 50;
/** Record types written by the modules, offered as suggestions; any other value can be typed. */
const ENTITY_TYPES = [
  'contact',
  'caller',
  'contact_need',
  'contact_referral',
  'safety_note',
  'follow_up',
  'organization',
  'service',
  'location',
  'hsds_file',
  'staff',
  'api_key',
];

/** Supervisors and admins: who did what to which record, and when (field names only, never values). */
export default function AuditScreen() {
  const { t } = useTranslation('audit');
  const { params, setParams, page, setPage } = useListParams();
  const draft = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? ''])) as Draft;
  const filters: AuditFilters = { page, perPage: PER_PAGE };
  for (const key of FILTERS) if (draft[key]) filters[key] = draft[key];
  const audit = useAuditPage(filters);
  const actors = useAuditActors();

  const apply = (next: Partial<Draft>) => {
    const out = new URLSearchParams();
    for (const key of FILTERS) {
      const value = (key in next ? next[key] : draft[key])?.trim();
      if (value) out.set(key, value);
    }
    setParams(out);
  };

  return (
    <div className="page page-stack">
      <PageHeader title={t('title')}>
        <p className="muted">{t('intro')}</p>
      </PageHeader>
      <FilterForm
        key={params.toString()}
        initial={draft}
        actors={actors.data?.items ?? []}
        onApply={(next) => setParams(toParams(next))}
        onClear={() => setParams(new URLSearchParams())}
      />
      <QueryState query={audit}>
        {(data) => (
          <>
            <ResultCount>{t('count', { count: data.total })}</ResultCount>
            {data.items.length ? <AuditTable items={data.items} onFilter={apply} /> : <p>{t('empty')}</p>}
            <Pager
              buttonClassName="button button-quiet"
              labels={{ previous: t('pager.newer'), next: t('pager.older') }}
              page={page}
              pages={pageCount(data)}
              onPage={setPage}
            />
          </>
        )}
      </QueryState>
    </div>
  );
}

function toParams(draft: Draft) {
  const out = new URLSearchParams();
  for (const key of FILTERS) if (draft[key].trim()) out.set(key, draft[key].trim());
  return out;
}

function FilterForm({
  initial,
  actors,
  onApply,
  onClear,
}: {
  initial: Draft;
  actors: AuditActor[];
  onApply: (draft: Draft) => void;
  onClear: () => void;
}) {
  const { t } = useTranslation('audit');
  const id = useId();
  const [draft, setDraft] = useState(initial);
  const set = (key: FilterKey) => (event: { target: { value: string } }) =>
    setDraft({ ...draft, [key]: event.target.value });
  const invalidRange = Boolean(draft.from && draft.to && draft.to < draft.from);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!invalidRange) onApply(draft);
  };
  const people = actors.filter((a) => a.type === 'staff');
  const keys = actors.filter((a) => a.type === 'api_key');
  const field = (key: FilterKey) => `${id}-${key}`;

  return (
    <form className="au-filters" role="search" aria-label={t('filters.label')} onSubmit={onSubmit}>
      <div className="field">
        <label htmlFor={field('actorId')}>{t('filters.actor')}</label>
        <select id={field('actorId')} value={draft.actorId} onChange={set('actorId')}>
          <option value="">{t('filters.anyone')}</option>
          {draft.actorId && !actors.some((a) => a.id === draft.actorId) ? (
            <option value={draft.actorId}>{draft.actorId}</option>
          ) : null}
          <optgroup label={t('filters.people')}>
            {people.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </optgroup>
          {keys.length ? (
            <optgroup label={t('filters.apiKeys')}>
              {keys.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </optgroup>
          ) : null}
        </select>
      </div>
      <div className="field">
        <label htmlFor={field('action')}>{t('filters.action')}</label>
        <select id={field('action')} value={draft.action} onChange={set('action')}>
          <option value="">{t('filters.anyAction')}</option>
          {draft.action && !(AUDIT_ACTIONS as readonly string[]).includes(draft.action) ? (
            <option value={draft.action}>{draft.action}</option>
          ) : null}
          {AUDIT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {t(`actions.${a}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={field('entityType')}>{t('filters.entityType')}</label>
        <input
          id={field('entityType')}
          list={`${id}-types`}
          value={draft.entityType}
          onChange={set('entityType')}
        />
        <datalist id={`${id}-types`}>
          {ENTITY_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`entities.${type}`)}
            </option>
          ))}
        </datalist>
      </div>
      <div className="field">
        <label htmlFor={field('entityId')}>{t('filters.entityId')}</label>
        <input id={field('entityId')} value={draft.entityId} onChange={set('entityId')} />
      </div>
      <div className="field">
        <label htmlFor={field('from')}>{t('filters.from')}</label>
        <input id={field('from')} type="date" value={draft.from} onChange={set('from')} />
      </div>
      <div className="field">
        <label htmlFor={field('to')}>{t('filters.to')}</label>
        <input
          id={field('to')}
          type="date"
          value={draft.to}
          onChange={set('to')}
          aria-invalid={invalidRange ? true : undefined}
          aria-describedby={invalidRange ? `${id}-range` : undefined}
        />
        {invalidRange ? (
          <p className="field-error" id={`${id}-range`}>
            {t('filters.badRange')}
          </p>
        ) : null}
      </div>
      <div className="au-filter-actions">
        <button type="submit" className="button button-primary">
          {t('filters.apply')}
        </button>
        <button type="button" className="button button-quiet" onClick={onClear}>
          {t('filters.clear')}
        </button>
      </div>
    </form>
  );
}

function AuditTable({ items, onFilter }: { items: AuditEntry[]; onFilter: (next: Partial<Draft>) => void }) {
  const { t } = useTranslation('audit');
  const format = useFormat();
  const me = useCurrentStaff();
  const opensContacts = hasAnyRole(me.staff.roles, ['specialist', 'supervisor', 'followup']);
  const label = (group: 'actions' | 'entities', value: string) =>
    t(`${group}.${value}`, { defaultValue: value });
  const openedContact = (entry: AuditEntry) => entry.action === 'read' && entry.entityType === 'contact';
  const actorKind = (entry: AuditEntry) =>
    entry.actorType === 'api_key'
      ? t('actorTypes.api_key')
      : entry.actorType === 'system'
        ? t('actorTypes.system')
        : null;

  const columns: Column<AuditEntry>[] = [
    {
      key: 'when',
      header: t('columns.when'),
      className: 'au-when',
      cell: (entry) => <time dateTime={entry.at}>{format.dateTime(entry.at)}</time>,
    },
    {
      key: 'who',
      header: t('columns.who'),
      cell: (entry) => {
        const kind = actorKind(entry);
        return (
          <>
            {entry.actorId ? (
              <button
                type="button"
                className="au-link-button"
                onClick={() => onFilter({ actorId: entry.actorId ?? '' })}
                title={t('filterByActor')}
              >
                {entry.actorName ?? entry.actorId}
              </button>
            ) : (
              <span>{entry.actorName ?? '—'}</span>
            )}
            {kind ? <span className="muted small"> ({kind})</span> : null}
          </>
        );
      },
    },
    { key: 'action', header: t('columns.action'), cell: (entry) => label('actions', entry.action) },
    {
      key: 'record',
      header: t('columns.record'),
      cell: (entry) => (
        <>
          <span>{label('entities', entry.entityType)}</span>
          {entry.entityId ? (
            <>
              {' '}
              <button
                type="button"
                className="au-link-button au-id"
                onClick={() => onFilter({ entityType: entry.entityType, entityId: entry.entityId ?? '' })}
                title={t('filterByRecord')}
              >
                {entry.entityId}
              </button>
              {openedContact(entry) && opensContacts ? (
                <>
                  {' · '}
                  <Link to={`/contacts/${encodeURIComponent(entry.entityId)}`}>{t('openContact')}</Link>
                </>
              ) : null}
            </>
          ) : null}
        </>
      ),
    },
    {
      key: 'fields',
      header: t('columns.fields'),
      className: 'small',
      cell: (entry) => (entry.fields?.length ? entry.fields.join(', ') : '—'),
    },
  ];

  return (
    <DataTable
      columns={columns}
      rows={items}
      rowKey={(entry) => entry.id}
      rowClassName={(entry) => (openedContact(entry) ? 'au-read' : undefined)}
    />
  );
}
