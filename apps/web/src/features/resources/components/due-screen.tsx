import { ResourceType, type DueItem } from '@relais/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { DataTable, type Column } from '../../../components/data-table';
import { PageHeader, ResultCount } from '../../../components/feedback';
import { Pager, pageCount } from '../../../components/pager';
import { QueryState } from '../../../components/query-state';
import { useFormat } from '../../../lib/format';
import { useLocalize } from '../../../lib/localize';
import { useSocketEvent } from '../../../lib/socket';
import { useListParams } from '../../../lib/use-list-params';
import { resourcesQueryKey, useDueList } from '../api/due-list';
import { pathOf } from '../api/resource-record';

const PER_PAGE = 25;
const WINDOWS = [0, 30, 90];

/** Editors: agencies, sites and services due for their yearly verification, the longest overdue first. */
export default function DueScreen() {
  const { t } = useTranslation(['resources', 'common']);
  const format = useFormat();
  const id = useId();
  const queryClient = useQueryClient();
  const { params, page, setParam, setPage } = useListParams();
  const type = ResourceType.safeParse(params.get('type')).data;
  const withinDays = Number(params.get('within') ?? '0') || 0;
  const list = useDueList({ type, withinDays, page, perPage: PER_PAGE });

  useSocketEvent('entity.changed', (event) => {
    if (ResourceType.safeParse(event.entity).success) {
      void queryClient.invalidateQueries({ queryKey: [...resourcesQueryKey, 'due'] });
    }
  });

  const { pick } = useLocalize();
  const columns: Column<DueItem>[] = [
    {
      key: 'name',
      header: t('due.columns.name'),
      rowHeader: true,
      cell: (item) => (
        <>
          <Link to={`/resources/${pathOf[item.type]}/${item.id}`}>
            {pick(item, 'name') || t('due.unnamed')}
          </Link>
          {item.status === 'active_no_refer' ? (
            <span className="badge">{t('status.active_no_refer')}</span>
          ) : null}
        </>
      ),
    },
    { key: 'type', header: t('due.columns.type'), cell: (item) => t(`types.${item.type}`) },
    {
      key: 'agency',
      header: t('due.columns.agency'),
      cell: (item) => pick(item, 'organizationName') || t('due.unnamed'),
    },
    { key: 'city', header: t('due.columns.city'), cell: (item) => item.city ?? '' },
    {
      key: 'lastVerified',
      header: t('due.columns.lastVerified'),
      cell: (item) =>
        item.lastVerifiedAt
          ? `${format.date(item.lastVerifiedAt)}${item.lastVerifiedByName ? ` · ${item.lastVerifiedByName}` : ''}`
          : t('due.never'),
    },
    { key: 'dueSince', header: t('due.columns.dueSince'), cell: (item) => format.date(item.dueAt) },
  ];

  return (
    <div className="page rs-page">
      <PageHeader title={t('due.title')}>
        <p className="muted">{t('due.intro')}</p>
      </PageHeader>
      <div className="due-filters" role="search">
        <div className="field">
          <label htmlFor={`${id}-type`}>{t('due.type')}</label>
          <select id={`${id}-type`} value={type ?? ''} onChange={(e) => setParam('type', e.target.value)}>
            <option value="">{t('due.allTypes')}</option>
            {ResourceType.options.map((x) => (
              <option key={x} value={x}>
                {t(`types.${x}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-within`}>{t('due.window')}</label>
          <select
            id={`${id}-within`}
            value={String(withinDays)}
            onChange={(e) => setParam('within', e.target.value === '0' ? '' : e.target.value)}
          >
            {WINDOWS.map((d) => (
              <option key={d} value={d}>
                {d === 0 ? t('due.now') : t('due.within', { count: d })}
              </option>
            ))}
          </select>
        </div>
      </div>

      <QueryState query={list}>
        {(data) => (
          <>
            <ResultCount>{t('due.count', { count: data.total })}</ResultCount>
            {data.items.length ? (
              <DataTable
                columns={columns}
                rows={data.items}
                rowKey={(item) => `${item.type}:${item.id}`}
                className="due-table"
              />
            ) : (
              <p>{t('due.empty')}</p>
            )}
            <Pager className="due-pager" page={page} pages={pageCount(data)} onPage={setPage} />
          </>
        )}
      </QueryState>
    </div>
  );
}
