import { ResourceType } from '@relais/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { ErrorAlert, Loading, PageHeader } from '../../../components/feedback';
import { Pager } from '../../../components/pager';
import { useFormat } from '../../../lib/format';
import { useSocketEvent } from '../../../lib/socket';
import { resourcesQueryKey, useDueList } from '../api/due-list';
import { pathOf } from '../api/resource-record';

const PER_PAGE = 25;
const WINDOWS = [0, 30, 90];

/** Editors: agencies, sites and services due for their yearly verification, the longest overdue first. */
export default function DueScreen() {
  const { t, i18n } = useTranslation(['resources', 'common']);
  const format = useFormat();
  const id = useId();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const type = ResourceType.safeParse(params.get('type')).data;
  const withinDays = Number(params.get('within') ?? '0') || 0;
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const list = useDueList({ type, withinDays, page, perPage: PER_PAGE });

  useSocketEvent('entity.changed', (event) => {
    if (ResourceType.safeParse(event.entity).success) {
      void queryClient.invalidateQueries({ queryKey: [...resourcesQueryKey, 'due'] });
    }
  });

  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page') next.delete('page');
    setParams(next, { replace: key !== 'page' });
  };
  const name = (en: string | null, fr: string | null) =>
    (i18n.language.startsWith('fr') ? (fr ?? en) : (en ?? fr)) ?? t('due.unnamed');
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / list.data.perPage)) : 1;

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

      {list.isPending ? <Loading /> : null}
      {list.error ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data ? (
        <>
          <p className="muted small" aria-live="polite">
            {t('due.count', { count: list.data.total })}
          </p>
          {list.data.items.length ? (
            <div className="rs-table-wrap">
              <table className="rs-table">
                <thead>
                  <tr>
                    <th scope="col">{t('due.columns.name')}</th>
                    <th scope="col">{t('due.columns.type')}</th>
                    <th scope="col">{t('due.columns.agency')}</th>
                    <th scope="col">{t('due.columns.city')}</th>
                    <th scope="col">{t('due.columns.lastVerified')}</th>
                    <th scope="col">{t('due.columns.dueSince')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((item) => (
                    <tr key={`${item.type}:${item.id}`}>
                      <th scope="row">
                        <Link to={`/resources/${pathOf[item.type]}/${item.id}`}>
                          {name(item.nameEn, item.nameFr)}
                        </Link>
                        {item.status === 'active_no_refer' ? (
                          <span className="badge">{t('status.active_no_refer')}</span>
                        ) : null}
                      </th>
                      <td>{t(`types.${item.type}`)}</td>
                      <td>{name(item.organizationNameEn, item.organizationNameFr)}</td>
                      <td>{item.city ?? ''}</td>
                      <td>
                        {item.lastVerifiedAt
                          ? `${format.date(item.lastVerifiedAt)}${item.lastVerifiedByName ? ` · ${item.lastVerifiedByName}` : ''}`
                          : t('due.never')}
                      </td>
                      <td>{format.date(item.dueAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p>{t('due.empty')}</p>
          )}
          <Pager
            className="due-pager"
            page={page}
            pages={pages}
            onPage={(p) => setParam('page', String(p))}
          />
        </>
      ) : null}
    </div>
  );
}
