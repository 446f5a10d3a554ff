import type { ServiceDetail, ServiceLocation } from '@relais/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../../components/feedback';
import { PhoneList } from '../../../components/phone';
import { QueryState } from '../../../components/query-state';
import { HoursToday, WeeklyHours } from '../../../components/schedule';
import { useFormat } from '../../../lib/format';
import { useLocalize, type BilingualRecord } from '../../../lib/localize';
import { useServiceDetail } from '../api/service-detail';
import '../directory.css';

/** Everything a specialist reads to a caller about one service, on one screen. */
export default function ServiceDetailScreen() {
  const { serviceId = '' } = useParams();
  const detail = useServiceDetail(serviceId);
  return <QueryState query={detail}>{(service) => <ServiceDetailView service={service} />}</QueryState>;
}

function ServiceDetailView({ service: s }: { service: ServiceDetail }) {
  const [params] = useSearchParams();
  const { t } = useTranslation('directory');
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
  const { pick, pickLang } = useLocalize();
  const format = useFormat();
  return (
    <PageHeader title={<span lang={pickLang(s, 'name')}>{pick(s, 'name')}</span>}>
      <p className="dir-agency" lang={pickLang(s.organization, 'name')}>
        {pick(s.organization, 'name')}
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
      {pick(s, 'alert') ? (
        <p className="alert alert-warning" lang={pickLang(s, 'alert')}>
          {pick(s, 'alert')}
        </p>
      ) : null}
    </PageHeader>
  );
}

/** One line of facts: `children`, or the bilingual field `name` of `record` in the reader's language. */
function Fact<N extends string>({
  label,
  record,
  name,
  children,
}: {
  label: string;
  record?: BilingualRecord<N>;
  name?: N;
  children?: ReactNode;
}) {
  const { pick, pickLang } = useLocalize();
  const text = record && name ? pick(record, name) : '';
  const value =
    children ?? (record && name && text ? <span lang={pickLang(record, name)}>{text}</span> : null);
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
  const { pick, pickLang } = useLocalize();
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
      {pick(s, 'description') ? <p lang={pickLang(s, 'description')}>{pick(s, 'description')}</p> : null}
      <dl className="dir-facts">
        <Fact label={t('detail.eligibility')} record={s} name="eligibility" />
        <Fact label={t('detail.ages')}>{ages}</Fact>
        <Fact label={t('detail.fees')} record={s} name="fees" />
        <Fact label={t('detail.apply')} record={s} name="applicationProcess" />
        <Fact label={t('detail.waitTime')} record={s} name="waitTime" />
        <Fact label={t('detail.documents')}>
          {s.requiredDocuments.length ? (
            <ul className="dir-list">
              {s.requiredDocuments.map((d) => (
                <li key={d.id} lang={pickLang(d, 'document')}>
                  {pick(d, 'document')}
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
        <Fact label={t('detail.interpretation')} record={s} name="interpretationServices" />
        <Fact label={t('detail.areas')}>
          {s.serviceAreas.length ? s.serviceAreas.map((a) => pick(a, 'name') || a.extent).join(', ') : null}
        </Fact>
      </dl>
    </section>
  );
}

function Contact({ service: s }: { service: ServiceDetail }) {
  const { t } = useTranslation('directory');
  return (
    <section className="card dir-section" aria-labelledby="dir-contact">
      <h2 id="dir-contact">{t('detail.contact')}</h2>
      <PhoneList phones={[...s.phones, ...s.organization.phones]} />
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
  const { pick } = useLocalize();
  return (
    <section className="card dir-section" aria-labelledby="dir-terms">
      <h2 id="dir-terms">{t('detail.taxonomy')}</h2>
      <ul className="dir-list">
        {s.taxonomyTerms.map((term) => (
          <li key={term.id}>{pick(term, 'name')}</li>
        ))}
      </ul>
    </section>
  );
}

function Site({ site: l }: { site: ServiceLocation }) {
  const { t } = useTranslation('directory');
  const { pick, pickLang } = useLocalize();
  const format = useFormat();
  return (
    <article className="dir-site">
      <h3 lang={pickLang(l, 'name')}>{pick(l, 'name') || l.city}</h3>
      <p>
        {[l.address1, l.address2, l.city, l.postalCode].filter(Boolean).join(', ')}
        {l.distanceKm !== null ? ` · ${t('result.distance', { km: format.number(l.distanceKm) })}` : ''}
      </p>
      {l.status !== 'active' ? <p className="badge rs-badge-warning">{t(`status.${l.status}`)}</p> : null}
      <p>
        <HoursToday hoursToday={l.hoursToday} openNow={l.openNow} />
      </p>
      <WeeklyHours hours={l.hours} />
      <PhoneList phones={l.phones} />
      <dl className="dir-facts">
        <Fact label={t('detail.accessibility')} record={l} name="accessibility" />
        <Fact label={t('detail.transportation')} record={l} name="transportation" />
      </dl>
    </article>
  );
}
