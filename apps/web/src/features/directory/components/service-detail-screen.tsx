import { WEEKDAYS, type ServiceDetail, type ServiceLocation } from '@relais/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ErrorAlert, Loading, PageHeader } from '../../../components/feedback';
import { formatPeriods, useLocalize } from '../../../components/resource-search/localize';
import { HoursToday } from '../../../components/resource-search/resource-search';
import { useFormat } from '../../../lib/format';
import { useServiceDetail } from '../api/service-detail';
import '../directory.css';

/** Everything a specialist reads to a caller about one service, on one screen. */
export default function ServiceDetailScreen() {
  const { serviceId = '' } = useParams();
  const [params] = useSearchParams();
  const { t } = useTranslation('directory');
  const detail = useServiceDetail(serviceId);
  if (detail.isPending) return <Loading />;
  if (detail.error) return <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />;
  const s = detail.data;
  const site = params.get('site');
  const locations = site
    ? [...s.locations].sort((a, b) => Number(b.id === site) - Number(a.id === site))
    : s.locations;
  return (
    <div className="dir-screen">
      <Link to="/directory" className="dir-back">
        {t('detail.back')}
      </Link>
      <Header service={s} />
      <div className="dir-columns">
        <div className="dir-main">
          <About service={s} />
          <section className="card dir-section" aria-labelledby="dir-sites">
            <h2 id="dir-sites">{t('detail.sites', { count: locations.length })}</h2>
            {locations.length === 0 ? <p className="muted">{t('detail.noSites')}</p> : null}
            {locations.map((l) => (
              <Site key={l.serviceAtLocationId} site={l} />
            ))}
          </section>
        </div>
        <aside className="dir-side">
          <Contact service={s} />
          <Classification service={s} />
        </aside>
      </div>
    </div>
  );
}

function Header({ service: s }: { service: ServiceDetail }) {
  const { t } = useTranslation('directory');
  const { text, lang } = useLocalize();
  const format = useFormat();
  return (
    <PageHeader title={<span lang={lang(s.nameEn, s.nameFr)}>{text(s.nameEn, s.nameFr)}</span>}>
      <p className="dir-agency" lang={lang(s.organization.nameEn, s.organization.nameFr)}>
        {text(s.organization.nameEn, s.organization.nameFr)}
      </p>
      <p className="muted small">
        {s.lastVerifiedAt
          ? t('detail.verified', {
              date: format.date(s.lastVerifiedAt),
              name: s.lastVerifiedByName ?? t('detail.someone'),
            })
          : t('result.neverVerified')}
      </p>
      {s.status !== 'active' ? (
        <p className={`badge ${s.status === 'active_no_refer' ? 'rs-badge-warning' : ''}`}>
          {t(`status.${s.status}`)}
        </p>
      ) : null}
      {s.alertEn || s.alertFr ? (
        <p className="alert alert-warning" lang={lang(s.alertEn, s.alertFr)}>
          {text(s.alertEn, s.alertFr)}
        </p>
      ) : null}
    </PageHeader>
  );
}

function Fact({
  label,
  en,
  fr,
  children,
}: {
  label: string;
  en?: string | null;
  fr?: string | null;
  children?: ReactNode;
}) {
  const { text, lang } = useLocalize();
  const value = children ?? (en || fr ? <span lang={lang(en, fr)}>{text(en, fr)}</span> : null);
  if (!value) return null;
  return (
    <div className="dir-fact">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function About({ service: s }: { service: ServiceDetail }) {
  const { t } = useTranslation('directory');
  const { text, lang } = useLocalize();
  const ages =
    s.minAge !== null && s.maxAge !== null
      ? t('detail.ageRange', { min: s.minAge, max: s.maxAge })
      : s.minAge !== null
        ? t('detail.ageMin', { min: s.minAge })
        : s.maxAge !== null
          ? t('detail.ageMax', { max: s.maxAge })
          : null;
  return (
    <section className="card dir-section" aria-labelledby="dir-about">
      <h2 id="dir-about">{t('detail.about')}</h2>
      {s.descriptionEn || s.descriptionFr ? (
        <p lang={lang(s.descriptionEn, s.descriptionFr)}>{text(s.descriptionEn, s.descriptionFr)}</p>
      ) : null}
      <dl className="dir-facts">
        <Fact label={t('detail.eligibility')} en={s.eligibilityEn} fr={s.eligibilityFr} />
        <Fact label={t('detail.ages')}>{ages}</Fact>
        <Fact label={t('detail.fees')} en={s.feesEn} fr={s.feesFr} />
        <Fact label={t('detail.apply')} en={s.applicationProcessEn} fr={s.applicationProcessFr} />
        <Fact label={t('detail.waitTime')} en={s.waitTimeEn} fr={s.waitTimeFr} />
        <Fact label={t('detail.documents')}>
          {s.requiredDocuments.length ? (
            <ul className="dir-list">
              {s.requiredDocuments.map((d) => (
                <li key={d.id} lang={lang(d.documentEn, d.documentFr)}>
                  {text(d.documentEn, d.documentFr)}
                </li>
              ))}
            </ul>
          ) : null}
        </Fact>
        <Fact label={t('detail.languages')}>
          {s.languages.length
            ? s.languages.map((c) => t(`languages.${c}`, { defaultValue: c })).join(', ')
            : null}
        </Fact>
        <Fact
          label={t('detail.interpretation')}
          en={s.interpretationServicesEn}
          fr={s.interpretationServicesFr}
        />
        <Fact label={t('detail.areas')}>
          {s.serviceAreas.length
            ? s.serviceAreas.map((a) => text(a.nameEn, a.nameFr) || a.extent).join(', ')
            : null}
        </Fact>
      </dl>
    </section>
  );
}

function Phones({ phones }: { phones: ServiceDetail['phones'] }) {
  const { t } = useTranslation('directory');
  const { text } = useLocalize();
  if (phones.length === 0) return null;
  return (
    <ul className="dir-list">
      {phones.map((p) => (
        <li key={p.id}>
          <a href={`tel:${p.number.replace(/[^\d+]/g, '')}`}>{p.number}</a>
          {p.extension ? ` ${t('detail.extension', { ext: p.extension })}` : ''}
          {p.type !== 'voice' ? ` (${t(`phoneTypes.${p.type}`)})` : ''}
          {p.descriptionEn || p.descriptionFr ? (
            <span className="muted"> — {text(p.descriptionEn, p.descriptionFr)}</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function Contact({ service: s }: { service: ServiceDetail }) {
  const { t } = useTranslation('directory');
  return (
    <section className="card dir-section" aria-labelledby="dir-contact">
      <h2 id="dir-contact">{t('detail.contact')}</h2>
      <Phones phones={[...s.phones, ...s.organization.phones]} />
      <dl className="dir-facts">
        <Fact label={t('detail.email')}>{s.email ?? s.organization.email}</Fact>
        <Fact label={t('detail.website')}>
          {(s.url ?? s.organization.website) ? (
            <a href={s.url ?? s.organization.website ?? ''} target="_blank" rel="noreferrer">
              {s.url ?? s.organization.website}
            </a>
          ) : null}
        </Fact>
      </dl>
    </section>
  );
}

function Classification({ service: s }: { service: ServiceDetail }) {
  const { t } = useTranslation('directory');
  const { text } = useLocalize();
  return (
    <section className="card dir-section" aria-labelledby="dir-terms">
      <h2 id="dir-terms">{t('detail.taxonomy')}</h2>
      <ul className="dir-list">
        {s.taxonomyTerms.map((term) => (
          <li key={term.id}>{text(term.nameEn, term.nameFr)}</li>
        ))}
      </ul>
    </section>
  );
}

function Site({ site: l }: { site: ServiceLocation }) {
  const { t } = useTranslation('directory');
  const { text, lang, locale } = useLocalize();
  const format = useFormat();
  const known = WEEKDAYS.some((d) => (l.hours[d]?.length ?? 0) > 0);
  return (
    <article className="dir-site">
      <h3 lang={lang(l.nameEn, l.nameFr)}>{text(l.nameEn, l.nameFr) || l.city}</h3>
      <p>
        {[l.address1, l.address2, l.city, l.postalCode].filter(Boolean).join(', ')}
        {l.distanceKm !== null ? ` · ${t('result.distance', { km: format.number(l.distanceKm) })}` : ''}
      </p>
      {l.status !== 'active' ? <p className="badge rs-badge-warning">{t(`status.${l.status}`)}</p> : null}
      <p>
        <HoursToday hoursToday={l.hoursToday} openNow={l.openNow} />
      </p>
      {known ? (
        <table className="dir-hours">
          <caption className="visually-hidden">{t('detail.hoursCaption')}</caption>
          <tbody>
            {WEEKDAYS.map((d) => (
              <tr key={d}>
                <th scope="row">{t(`days.${d}`)}</th>
                <td>{l.hours[d]?.length ? formatPeriods(l.hours[d] ?? [], locale) : t('hours.closed')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <Phones phones={l.phones} />
      <dl className="dir-facts">
        <Fact label={t('detail.accessibility')} en={l.accessibilityEn} fr={l.accessibilityFr} />
        <Fact label={t('detail.transportation')} en={l.transportationEn} fr={l.transportationFr} />
      </dl>
    </article>
  );
}
