import { ContactStatus, type ContactListQuery, type ContactSummary } from '@relais/contracts';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { DataTable, type Column } from '../../../components/data-table';
import { PageHeader } from '../../../components/feedback';
import { Pager, pageCount } from '../../../components/pager';
import { QueryState } from '../../../components/query-state';
import { useFormat } from '../../../lib/format';
import { useLocalize } from '../../../lib/localize';
import { hasAnyRole, useCurrentStaff } from '../../../lib/session';
import { useListParams } from '../../../lib/use-list-params';
import { useContactsList } from '../api/contacts-list';
import { useLines } from '../api/lines';
import { useSpecialists } from '../api/specialists';
import { formatDuration } from '../hooks/use-elapsed';
import { useTaxonomyIndex } from '../hooks/use-taxonomy-index';
import { termName } from '../model/taxonomy';

type FilterKey = 'from' | 'to' | 'specialistId' | 'lineId' | 'need' | 'municipality' | 'crisis' | 'status';
/** Filters that are personal data: kept in the screen's state, never in its URL (history, server logs). */
type PrivateFilterKey = Extract<FilterKey, 'municipality'>;
const isPrivate = (key: FilterKey): key is PrivateFilterKey => key === 'municipality';
const PER_PAGE = 25;

/** Supervisors find any contact (specialists their own) by date, specialist, line, need, place, crisis. */
export default function ContactsListScreen() {
  const { t, i18n } = useTranslation('contacts');
  const format = useFormat();
  const navigate = useNavigate();
  const me = useCurrentStaff();
  const { params, setParams, page, setPage } = useListParams();
  const lines = useLines();
  const { taxonomy } = useTaxonomyIndex();
  const { pick } = useLocalize();
  const [privateFilters, setPrivateFilters] = useState<Record<PrivateFilterKey, string>>({
    municipality: '',
  });
  const get = (key: FilterKey) => (isPrivate(key) ? privateFilters[key] : (params.get(key) ?? ''));

  const query: ContactListQuery = { page, perPage: PER_PAGE };
  if (get('from')) query.from = get('from');
  // "To" is inclusive on screen; the API's end is exclusive, so send the next day.
  if (get('to')) query.to = nextDay(get('to'));
  if (get('specialistId')) query.specialistId = get('specialistId');
  if (get('lineId')) query.lineId = get('lineId');
  if (get('need')) query.need = get('need');
  if (get('municipality')) query.municipality = get('municipality');
  const crisis = get('crisis');
  if (crisis === 'true' || crisis === 'false') query.crisis = crisis;
  const status = ContactStatus.safeParse(get('status'));
  if (status.success) query.status = status.data;
  const list = useContactsList(query);

  const supervisor = hasAnyRole(me.staff.roles, ['supervisor']);
  const specialists = useSpecialists(supervisor).data ?? [];

  const setFilter = (key: FilterKey, value: string) => {
    const next = new URLSearchParams(params);
    if (isPrivate(key)) setPrivateFilters((f) => ({ ...f, [key]: value }));
    else if (value) next.set(key, value);
    else next.delete(key);
    next.delete('page');
    setParams(next, { replace: true });
  };
  const lineName = (id: string) => {
    const line = lines.data?.find((l) => l.id === id);
    return line ? pick(line, 'name') : id;
  };
  const categoryName = (id: string) => {
    const term = taxonomy?.byId.get(id);
    return term ? termName(term, i18n.language) : id;
  };
  const columns: Column<ContactSummary>[] = [
    {
      key: 'started',
      header: t('list.started'),
      cell: (item) => (
        <>
          <Link
            to={`/contacts/${item.id}`}
            aria-label={t('list.open', { time: format.dateTime(item.startedAt) })}
          >
            {format.dateTime(item.startedAt)}
          </Link>
          <div className="ct-row">
            <span className="ct-tag">{t(`channel.${item.channel}`)}</span>
            {item.status === 'draft' ? (
              <span className="ct-tag ct-tag-warn">{t('list.inProgress')}</span>
            ) : null}
            {item.crisisFlags.length > 0 ? (
              <span className="ct-crisis-badge">{t('crisis.badge')}</span>
            ) : null}
          </div>
        </>
      ),
    },
    { key: 'specialist', header: t('list.specialist'), cell: (item) => item.specialist?.name ?? '—' },
    { key: 'line', header: t('list.line'), cell: (item) => lineName(item.lineId) },
    {
      key: 'needs',
      header: t('list.needs'),
      cell: (item) => item.needCategories.map(categoryName).join(', ') || '—',
    },
    { key: 'municipality', header: t('list.municipality'), cell: (item) => item.municipality ?? '—' },
    {
      key: 'disposition',
      header: t('list.disposition'),
      cell: (item) => (item.disposition ? t(`disposition.${item.disposition}`) : '—'),
    },
    {
      key: 'duration',
      header: t('list.duration'),
      cell: (item) =>
        item.endedAt
          ? formatDuration(Math.max(0, (Date.parse(item.endedAt) - Date.parse(item.startedAt)) / 1000))
          : '—',
    },
  ];

  return (
    <div className="ct-page">
      <PageHeader
        title={t('list.title')}
        actions={
          <Link className="button button-primary" to="/contacts/new">
            {t('nav.new')}
          </Link>
        }
      />
      <section className="ct-card" aria-label={t('list.filters')}>
        <div className="ct-filters">
          <Filter label={t('list.from')}>
            <input type="date" value={get('from')} onChange={(e) => setFilter('from', e.target.value)} />
          </Filter>
          <Filter label={t('list.to')}>
            <input type="date" value={get('to')} onChange={(e) => setFilter('to', e.target.value)} />
          </Filter>
          {supervisor ? (
            <Filter label={t('list.specialist')}>
              <select value={get('specialistId')} onChange={(e) => setFilter('specialistId', e.target.value)}>
                <option value="">{t('list.anyone')}</option>
                {specialists.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.disabled ? t('list.disabledSpecialist', { name: s.name }) : s.name}
                  </option>
                ))}
              </select>
            </Filter>
          ) : null}
          <Filter label={t('list.line')}>
            <select value={get('lineId')} onChange={(e) => setFilter('lineId', e.target.value)}>
              <option value="">{t('list.anyLine')}</option>
              {(lines.data ?? []).map((l) => (
                <option key={l.id} value={l.id}>
                  {pick(l, 'name')}
                </option>
              ))}
            </select>
          </Filter>
          <Filter label={t('list.need')}>
            <select value={get('need')} onChange={(e) => setFilter('need', e.target.value)}>
              <option value="">{t('list.anyNeed')}</option>
              {(taxonomy?.categories ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {termName(c, i18n.language)}
                </option>
              ))}
            </select>
          </Filter>
          <Filter label={t('list.municipality')}>
            <input
              defaultValue={get('municipality')}
              onBlur={(e) => setFilter('municipality', e.target.value.trim())}
              onKeyDown={(e) => {
                if (e.key === 'Enter') setFilter('municipality', e.currentTarget.value.trim());
              }}
            />
          </Filter>
          <Filter label={t('list.crisis')}>
            <select value={crisis} onChange={(e) => setFilter('crisis', e.target.value)}>
              <option value="">{t('list.crisisAny')}</option>
              <option value="true">{t('list.crisisOnly')}</option>
              <option value="false">{t('list.crisisNone')}</option>
            </select>
          </Filter>
          <Filter label={t('list.status')}>
            <select value={get('status')} onChange={(e) => setFilter('status', e.target.value)}>
              <option value="">{t('list.statusAny')}</option>
              <option value="draft">{t('list.statusDraft')}</option>
              <option value="closed">{t('list.statusClosed')}</option>
            </select>
          </Filter>
          <button
            type="button"
            className="button button-quiet"
            onClick={() => setParams(new URLSearchParams())}
          >
            {t('list.clear')}
          </button>
        </div>
      </section>

      <QueryState query={list}>
        {(data) => (
          <section className="ct-card ct-stack">
            <p className="ct-hint" role="status">
              {t('list.total', { count: data.total })}
            </p>
            {data.items.length === 0 ? (
              <p>{t('list.empty')}</p>
            ) : (
              <DataTable
                columns={columns}
                rows={data.items}
                rowKey={(item) => item.id}
                rowClassName={(item) =>
                  `data-table-clickable${item.crisisFlags.length > 0 ? ' ct-row-crisis' : ''}`
                }
                onRowClick={(item) => navigate(`/contacts/${item.id}`)}
              />
            )}
            <Pager
              labels={{ previous: t('list.previous'), next: t('list.next') }}
              page={page}
              pages={pageCount(data)}
              onPage={setPage}
            />
          </section>
        )}
      </QueryState>
    </div>
  );
}

function Filter({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="ct-field">
      <span className="ct-filter-label">{label}</span>
      {children}
    </label>
  );
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return date;
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
