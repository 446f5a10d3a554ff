import type { DirectorySearchResult, TaxonomyTerm } from '@relais/contracts';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { useLocalize } from '../../lib/localize';
import { useTaxonomy } from '../../lib/taxonomy';
import { useDebounced } from '../../lib/use-debounced';
import { ErrorAlert, Loading } from '../feedback';
import { Pager, pageCount } from '../pager';
import { PhoneLink } from '../phone';
import { HoursToday } from '../schedule';
import { useDirectorySearch, type DirectorySearchParams } from './api';
import './resource-search.css';

export interface SelectedService {
  id: string;
  nameEn: string | null;
  nameFr: string | null;
  organizationId: string;
  organizationNameEn: string | null;
  organizationNameFr: string | null;
  phone: string | null;
  status: DirectorySearchResult['status'];
}

export interface SelectedLocation {
  id: string;
  /** The service_at_location id (what HSDS calls the service at this site). */
  serviceAtLocationId: string;
  nameEn: string | null;
  nameFr: string | null;
  address1: string | null;
  city: string | null;
  postalCode: string | null;
  latitude: number | null;
  longitude: number | null;
  distanceKm: number | null;
}

export interface ResourceSearchProps {
  /** Called with the chosen service and the site it was found at (null for a service without a site). */
  onSelect: (service: SelectedService, location: SelectedLocation | null) => void;
  /** Text of the per-result button (default "Select"). */
  selectLabel?: string;
  /** When given, each result also offers "Details" (e.g. to open the service screen). */
  onOpenDetails?: (serviceId: string) => void;
  initialQuery?: string;
  /** A taxonomy term id (e.g. the need's category, FOOD) to start filtered on. */
  initialTaxonomy?: string;
  /** The caller's postal code or municipality, to search near them. */
  initialPlace?: string;
  /** Result ids (service at location) already chosen: shown as added. */
  selectedIds?: readonly string[];
  /** Debounce of search-as-you-type, ms. */
  debounceMs?: number;
}

const RADII = [5, 10, 25, 50, 100];
const LANGUAGES = [
  'en',
  'fr',
  'ar',
  'zh',
  'es',
  'pa',
  'ur',
  'tl',
  'pt',
  'fa',
  'so',
  'ta',
  'uk',
  'ru',
  'oj',
  'cr',
];
const POSTAL = /^[A-Za-z]\d[A-Za-z]/;

/** The directory search panel: search as you type, filters, facets and results with a select button. */
export function ResourceSearch({
  onSelect,
  selectLabel,
  onOpenDetails,
  initialQuery = '',
  initialTaxonomy = '',
  initialPlace = '',
  selectedIds = [],
  debounceMs = 250,
}: ResourceSearchProps) {
  const { t } = useTranslation('directory');
  const { pick } = useLocalize();
  const ids = {
    q: useId(),
    place: useId(),
    radius: useId(),
    category: useId(),
    language: useId(),
    age: useId(),
  };
  const [q, setQ] = useState(initialQuery);
  const [place, setPlace] = useState(initialPlace);
  const [radiusKm, setRadiusKm] = useState(25);
  const [taxonomy, setTaxonomy] = useState(initialTaxonomy);
  const [language, setLanguage] = useState('');
  const [age, setAge] = useState('');
  const [openNow, setOpenNow] = useState(false);
  const typed = useDebounced({ q, place, age }, debounceMs);
  // Any change of what is searched goes back to page 1.
  const filtersKey = JSON.stringify([typed, taxonomy, language, openNow, radiusKm]);
  const [paging, setPaging] = useState({ filtersKey, page: 1 });
  const page = paging.filtersKey === filtersKey ? paging.page : 1;
  const setPage = (next: number) => setPaging({ filtersKey, page: next });
  const trimmedPlace = typed.place.trim();
  const params: DirectorySearchParams = {
    q: typed.q.trim() || undefined,
    ...(trimmedPlace
      ? POSTAL.test(trimmedPlace)
        ? { postalCode: trimmedPlace }
        : { municipality: trimmedPlace }
      : {}),
    radiusKm: trimmedPlace ? radiusKm : undefined,
    taxonomy: taxonomy ? [taxonomy] : undefined,
    language: language ? [language] : undefined,
    age: /^\d{1,3}$/.test(typed.age) ? Number(typed.age) : undefined,
    openNow: openNow || undefined,
    page,
    perPage: 20,
  };
  const active = Boolean(params.q || trimmedPlace || taxonomy);
  const search = useDirectorySearch(params, active);
  const taxonomyList = useTaxonomy();

  const categories = useMemo(() => groupTerms(taxonomyList.data?.items ?? []), [taxonomyList.data]);
  const fieldErrors = isApiError(search.error) ? search.error.fieldMessages() : {};
  const placeError = fieldErrors.postalCode ?? fieldErrors.municipality;
  const data = search.data;
  const pages = data ? pageCount(data) : 1;

  return (
    <section className="rs-panel" aria-label={t('panel.label')}>
      <form className="rs-filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="rs-field rs-field-wide">
          <label htmlFor={ids.q}>{t('panel.query')}</label>
          <input
            id={ids.q}
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder={t('panel.queryPlaceholder')}
            autoComplete="off"
          />
        </div>
        <div className="rs-field">
          <label htmlFor={ids.place}>{t('panel.place')}</label>
          <input
            id={ids.place}
            value={place}
            onChange={(e) => setPlace(e.target.value)}
            placeholder={t('panel.placePlaceholder')}
            aria-invalid={placeError ? true : undefined}
            aria-describedby={placeError ? `${ids.place}-error` : undefined}
          />
          {placeError ? (
            <p className="field-error" id={`${ids.place}-error`}>
              {t('panel.placeUnknown')}
            </p>
          ) : null}
        </div>
        <div className="rs-field rs-field-narrow">
          <label htmlFor={ids.radius}>{t('panel.radius')}</label>
          <select id={ids.radius} value={radiusKm} onChange={(e) => setRadiusKm(Number(e.target.value))}>
            {RADII.map((r) => (
              <option key={r} value={r}>
                {t('panel.km', { count: r })}
              </option>
            ))}
          </select>
        </div>
        <div className="rs-field">
          <label htmlFor={ids.category}>{t('panel.category')}</label>
          <select id={ids.category} value={taxonomy} onChange={(e) => setTaxonomy(e.target.value)}>
            <option value="">{t('panel.allCategories')}</option>
            {categories.map(({ top, children }) => (
              <optgroup key={top.id} label={pick(top, 'name')}>
                <option value={top.id}>{t('panel.allOf', { name: pick(top, 'name') })}</option>
                {children.map((c) => (
                  <option key={c.id} value={c.id}>
                    {pick(c, 'name')}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div className="rs-field">
          <label htmlFor={ids.language}>{t('panel.language')}</label>
          <select id={ids.language} value={language} onChange={(e) => setLanguage(e.target.value)}>
            <option value="">{t('panel.anyLanguage')}</option>
            {LANGUAGES.map((code) => (
              <option key={code} value={code}>
                {t(`languages.${code}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="rs-field rs-field-narrow">
          <label htmlFor={ids.age}>{t('panel.age')}</label>
          <input
            id={ids.age}
            inputMode="numeric"
            value={age}
            onChange={(e) => setAge(e.target.value.replace(/\D/g, '').slice(0, 3))}
          />
        </div>
        <label className="rs-check">
          <input type="checkbox" checked={openNow} onChange={(e) => setOpenNow(e.target.checked)} />
          {t('panel.openNow')}
        </label>
      </form>

      {!active ? <p className="muted">{t('panel.start')}</p> : null}
      {active && search.isPending ? <Loading label={t('panel.searching')} /> : null}
      {search.error && !placeError ? (
        <ErrorAlert error={search.error} onRetry={() => void search.refetch()} />
      ) : null}

      {active && data ? (
        <>
          <Interpretation data={data} />
          <Facets
            data={data}
            taxonomy={taxonomy}
            language={language}
            onCategory={(id) => setTaxonomy(id === taxonomy ? '' : id)}
            onLanguage={(code) => setLanguage(code === language ? '' : code)}
          />
          <p className="rs-count" role="status" aria-live="polite">
            {t('panel.count', { count: data.total })}
          </p>
          <ol className="rs-results" aria-busy={search.isFetching}>
            {data.items.map((item) => (
              <ResultCard
                key={item.id}
                item={item}
                selected={selectedIds.includes(item.id)}
                selectLabel={selectLabel ?? t('panel.select')}
                onSelect={() => onSelect(serviceOf(item), locationOf(item))}
                onOpenDetails={onOpenDetails ? () => onOpenDetails(item.serviceId) : undefined}
              />
            ))}
          </ol>
          <Pager labels={{ label: t('panel.pages') }} page={page} pages={pages} onPage={setPage} />
        </>
      ) : null}
    </section>
  );
}

function groupTerms(terms: TaxonomyTerm[]) {
  const tops = terms.filter((x) => x.parentId === null);
  return tops.map((top) => ({ top, children: terms.filter((x) => x.parentId === top.id) }));
}

const serviceOf = (r: DirectorySearchResult): SelectedService => ({
  id: r.serviceId,
  nameEn: r.nameEn,
  nameFr: r.nameFr,
  organizationId: r.organizationId,
  organizationNameEn: r.organizationNameEn,
  organizationNameFr: r.organizationNameFr,
  phone: r.phone,
  status: r.status,
});

const locationOf = (r: DirectorySearchResult): SelectedLocation | null =>
  r.locationId
    ? {
        id: r.locationId,
        serviceAtLocationId: r.id,
        nameEn: r.locationNameEn,
        nameFr: r.locationNameFr,
        address1: r.address1,
        city: r.city,
        postalCode: r.postalCode,
        latitude: r.latitude,
        longitude: r.longitude,
        distanceKm: r.distanceKm,
      }
    : null;

function Interpretation({ data }: { data: NonNullable<ReturnType<typeof useDirectorySearch>['data']> }) {
  const { t } = useTranslation('directory');
  const { interpreted } = data;
  if (!interpreted.near && interpreted.corrections.length === 0) return null;
  return (
    <p className="rs-interpreted muted small">
      {interpreted.near
        ? t('panel.near', { place: interpreted.near.label, radius: interpreted.radiusKm ?? '' })
        : null}{' '}
      {interpreted.corrections.length
        ? t('panel.corrected', {
            words: interpreted.corrections.map((c) => `${c.from} → ${c.to}`).join(', '),
          })
        : null}
    </p>
  );
}

function Facets({
  data,
  taxonomy,
  language,
  onCategory,
  onLanguage,
}: {
  data: NonNullable<ReturnType<typeof useDirectorySearch>['data']>;
  taxonomy: string;
  language: string;
  onCategory: (id: string) => void;
  onLanguage: (code: string) => void;
}) {
  const { t } = useTranslation('directory');
  const { pick } = useLocalize();
  if (data.facets.categories.length === 0 && data.facets.languages.length === 0) return null;
  return (
    <div className="rs-facets">
      <FacetRow
        label={t('panel.categoryFacets')}
        selected={taxonomy}
        onChoose={onCategory}
        items={data.facets.categories.map((c) => ({
          id: c.id,
          name: pick(c, 'name') || c.id,
          count: c.count,
        }))}
      />
      <FacetRow
        label={t('panel.languageFacets')}
        selected={language}
        onChoose={onLanguage}
        items={data.facets.languages.slice(0, 8).map((l) => ({
          id: l.id,
          name: t(`languages.${l.id}`, { defaultValue: l.id }),
          count: l.count,
        }))}
      />
    </div>
  );
}

/** One row of facet chips: pressing a chip filters on it, pressing it again clears the filter. */
function FacetRow({
  label,
  items,
  selected,
  onChoose,
}: {
  label: string;
  items: Array<{ id: string; name: string; count: number }>;
  selected: string;
  onChoose: (id: string) => void;
}) {
  return (
    <div role="group" aria-label={label} className="rs-facet-row">
      {items.map((item) => (
        <button
          key={item.id}
          type="button"
          className="rs-chip"
          aria-pressed={selected === item.id}
          onClick={() => onChoose(item.id)}
        >
          {item.name} <span className="rs-chip-count">{item.count}</span>
        </button>
      ))}
    </div>
  );
}

function ResultCard({
  item,
  selected,
  selectLabel,
  onSelect,
  onOpenDetails,
}: {
  item: DirectorySearchResult;
  selected: boolean;
  selectLabel: string;
  onSelect: () => void;
  onOpenDetails?: () => void;
}) {
  const { t } = useTranslation('directory');
  const { pick, pickLang } = useLocalize();
  const format = useFormat();
  const name = pick(item, 'name');
  return (
    <li className="rs-result">
      <div className="rs-result-main">
        <h3 className="rs-result-name" lang={pickLang(item, 'name')}>
          {name}
        </h3>
        <p className="rs-result-agency" lang={pickLang(item, 'organizationName')}>
          {pick(item, 'organizationName')}
        </p>
        {item.status === 'active_no_refer' ? (
          <span className="badge rs-badge-warning">{t('status.active_no_refer')}</span>
        ) : null}
        {item.status === 'inactive' ? <span className="badge">{t('status.inactive')}</span> : null}
        <dl className="rs-facts">
          <div>
            <dt>{t('result.where')}</dt>
            <dd>
              {[item.address1, item.city].filter(Boolean).join(', ')}
              {item.distanceKm !== null
                ? ` · ${t('result.distance', { km: format.number(item.distanceKm) })}`
                : ''}
            </dd>
          </div>
          <div>
            <dt>{t('result.hours')}</dt>
            <dd>
              <HoursToday hoursToday={item.hoursToday} openNow={item.openNow} />
            </dd>
          </div>
          {item.phone ? (
            <div>
              <dt>{t('result.phone')}</dt>
              <dd>
                <PhoneLink number={item.phone} />
              </dd>
            </div>
          ) : null}
          <div>
            <dt>{t('result.languages')}</dt>
            <dd>{item.languages.map((code) => t(`languages.${code}`, { defaultValue: code })).join(', ')}</dd>
          </div>
          <div>
            <dt>{t('result.verified')}</dt>
            <dd>{item.lastVerifiedAt ? format.date(item.lastVerifiedAt) : t('result.neverVerified')}</dd>
          </div>
        </dl>
      </div>
      <div className="rs-result-actions">
        {selected ? (
          <span className="badge rs-badge-added">{t('panel.added')}</span>
        ) : (
          <button
            type="button"
            className="button button-primary"
            onClick={onSelect}
            aria-label={t('panel.named', { action: selectLabel, name })}
          >
            {selectLabel}
          </button>
        )}
        {onOpenDetails ? (
          <button
            type="button"
            className="button button-secondary"
            onClick={onOpenDetails}
            aria-label={t('panel.named', { action: t('panel.details'), name })}
          >
            {t('panel.details')}
          </button>
        ) : null}
      </div>
    </li>
  );
}
