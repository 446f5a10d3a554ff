import { ContactPhone, type Contact } from '@relais/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { Alert, PageHeader } from '../../../components/feedback';
import { api } from '../../../lib/api';
import { useFormat } from '../../../lib/format';
import { useLocalize } from '../../../lib/localize';
import { useLines } from '../api/lines';
import { useTimeline } from '../api/timeline';
import { formatDuration } from '../hooks/use-elapsed';
import { UNDISCLOSED_LANGUAGE } from '../model/draft';
import { languageName } from '../model/languages';
import { fieldLabel } from '../model/missing';
import { useTaxonomyIndex } from '../hooks/use-taxonomy-index';
import { termPath } from '../model/taxonomy';
import { ReferralLine } from './referral-line';
import { RepeatCaller } from './repeat-caller';

/** A contact as a record: who called about what, what was given, and its whole timeline from the audit. */
export function ContactRecord({ contact }: { contact: Contact }) {
  const { t, i18n } = useTranslation('contacts');
  const format = useFormat();
  const location = useLocation();
  const justClosed = (location.state as { justClosed?: boolean } | null)?.justClosed === true;
  const lines = useLines();
  const { taxonomy } = useTaxonomyIndex();
  const { pick } = useLocalize();
  const line = lines.data?.find((l) => l.id === contact.lineId);
  const lineName = line ? pick(line, 'name') : contact.lineId;
  const { caller } = contact;
  const none = t('detail.none');
  const coded = (group: string, value: string | null) =>
    value === null ? t('notAsked') : value === 'undisclosed' ? t('undisclosed') : t(`${group}.${value}`);
  const loc = caller.location;
  const place = !loc
    ? t('notAsked')
    : loc.undisclosed
      ? t('undisclosed')
      : [loc.municipality, loc.fsa].filter(Boolean).join(' · ');
  const duration = contact.endedAt
    ? formatDuration(Math.max(0, (Date.parse(contact.endedAt) - Date.parse(contact.startedAt)) / 1000))
    : null;

  const rows: Array<[string, string]> = [
    [t('channel.label'), t(`channel.${contact.channel}`)],
    [t('line.label'), lineName],
    [t('detail.specialist'), contact.specialist?.name ?? none],
    [t('list.started'), format.dateTime(contact.startedAt)],
    [t('list.duration'), duration ?? t('list.inProgress')],
    [t('wrapUp.disposition'), contact.disposition ? t(`disposition.${contact.disposition}`) : none],
    [t('caller.firstName'), caller.firstName ?? none],
    [t('caller.ageGroup.label'), coded('caller.ageGroup', caller.ageGroup)],
    [t('caller.gender.label'), coded('caller.gender', caller.gender)],
    [
      t('caller.language.label'),
      caller.language === null
        ? t('notAsked')
        : caller.language === UNDISCLOSED_LANGUAGE
          ? t('undisclosed')
          : languageName(caller.language, i18n.language),
    ],
    [t('caller.location.label'), place || none],
    [t('caller.relation.label'), coded('caller.relation', caller.relation)],
  ];

  return (
    <div className="ct-page">
      <PageHeader
        title={`${t('detail.title')} · ${format.dateTime(contact.startedAt)}`}
        actions={
          <Link className="button button-secondary" to="/contacts">
            {t('detail.back')}
          </Link>
        }
      >
        <div className="ct-row">
          <span className="ct-tag">
            {contact.status === 'closed' ? t('list.statusClosed') : t('list.statusDraft')}
          </span>
          {contact.crisisFlags.length > 0 ? (
            <span className="ct-crisis-badge">{t('crisis.badge')}</span>
          ) : null}
          {contact.crisisFlags.map((f) => (
            <span key={f} className="ct-tag ct-tag-danger">
              {t(`crisis.flags.${f}`)}
            </span>
          ))}
        </div>
      </PageHeader>
      {justClosed ? <Alert tone="success" title={t('wrapUp.closed')} /> : null}
      {justClosed ? (
        <p>
          <Link className="button button-primary" to="/contacts/new">
            {t('workspace.newContact')}
          </Link>
        </p>
      ) : null}
      <div className="ct-workspace">
        <section className="ct-card ct-stack" aria-labelledby="ct-record-caller">
          <h2 id="ct-record-caller">{t('detail.summaryTitle')}</h2>
          <dl className="ct-facts">
            {rows.map(([label, value]) => (
              <div key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
            <div>
              <dt>{t('caller.phone')}</dt>
              <dd>
                {caller.hasPhone ? (
                  <PhoneReveal contactId={contact.id} masked={caller.phoneMasked ?? ''} />
                ) : (
                  none
                )}
              </dd>
            </div>
            {line?.fields.map((field) => {
              const value = contact.lineFields[field.key];
              const option = field.options?.find((o) => o.value === value);
              const shown =
                value === undefined || value === null || value === ''
                  ? none
                  : typeof value === 'boolean'
                    ? t(value ? 'line.yes' : 'line.no')
                    : option
                      ? pick(option, 'label')
                      : String(value);
              return (
                <div key={field.key}>
                  <dt>{pick(field, 'label')}</dt>
                  <dd>{shown}</dd>
                </div>
              );
            })}
          </dl>
          {/* Supervisors: the caller's earlier contacts, after stating why (RepeatCaller). */}
          <RepeatCaller contact={contact} phone="" />
        </section>
        <div className="ct-stack">
          <section className="ct-card ct-stack" aria-labelledby="ct-record-needs">
            <h2 id="ct-record-needs">{t('needs.title')}</h2>
            {contact.noNeed ? <p>{t('needs.noNeed')}</p> : null}
            {contact.needs.map((need, i) => (
              <article key={need.id} className={`ct-need${need.status === 'unmet' ? ' ct-need-unmet' : ''}`}>
                <div className="ct-row">
                  <h3>
                    {t('needs.numbered', { n: i + 1 })} · {termPath(taxonomy, need.termId, i18n.language)}
                  </h3>
                  <span className={`ct-tag${need.status === 'unmet' ? ' ct-tag-warn' : ''}`}>
                    {t(`needs.status.${need.status}`)}
                  </span>
                </div>
                {need.unmetReason ? (
                  <p>
                    {t(`unmetReason.${need.unmetReason}`)}
                    {need.unmetNote ? ` — ${need.unmetNote}` : ''}
                  </p>
                ) : null}
                {need.referrals.length > 0 ? (
                  <ul className="ct-referrals">
                    {need.referrals.map((r) => (
                      <ReferralLine key={r.id} referral={r} />
                    ))}
                  </ul>
                ) : null}
              </article>
            ))}
            {contact.followUps.map((f) => (
              <p key={f.id}>{t('detail.followUpDue', { time: format.dateTime(f.dueAt) })}</p>
            ))}
            {contact.noFollowUpReason ? (
              <p>{t('detail.noFollowUp', { reason: contact.noFollowUpReason })}</p>
            ) : null}
            {contact.notes ? (
              <div>
                <h3>{t('wrapUp.notes')}</h3>
                <p className="ct-notes">{contact.notes}</p>
              </div>
            ) : null}
          </section>
          <Timeline contactId={contact.id} />
        </div>
      </div>
    </div>
  );
}

function PhoneReveal({ contactId, masked }: { contactId: string; masked: string }) {
  const { t } = useTranslation('contacts');
  const [phone, setPhone] = useState<string | null>(null);
  if (phone) return <span>{phone}</span>;
  return (
    <span className="ct-row">
      <span>{masked}</span>
      <button
        type="button"
        className="ct-link"
        title={t('detail.phoneAudited')}
        onClick={() =>
          void api
            .get(`/api/contacts/${contactId}/phone`, ContactPhone)
            .then((r) => setPhone(r.phone ?? masked))
        }
      >
        {t('detail.showPhone')}
      </button>
    </span>
  );
}

function Timeline({ contactId }: { contactId: string }) {
  const { t } = useTranslation('contacts');
  const format = useFormat();
  const timeline = useTimeline(contactId);
  return (
    <section className="ct-card ct-stack" aria-labelledby="ct-record-timeline">
      <h2 id="ct-record-timeline">{t('detail.timeline')}</h2>
      {timeline.isPending ? <p className="ct-hint">{t('loading')}</p> : null}
      {timeline.isError ? <p className="ct-hint">{t('loadError')}</p> : null}
      {timeline.data?.length === 0 ? <p className="ct-hint">{t('detail.noTimeline')}</p> : null}
      {timeline.data && timeline.data.length > 0 ? (
        <ol className="ct-timeline">
          {timeline.data.map((entry, i) => (
            <li key={`${entry.at}-${i}`}>
              <strong>{t(`timeline.actions.${entry.action}`, { defaultValue: entry.action })}</strong>{' '}
              {t(`timeline.entities.${entry.entityType}`, { defaultValue: entry.entityType })}{' '}
              <span className="ct-hint">
                {format.dateTime(entry.at)} ·{' '}
                {t('timeline.by', { name: entry.actor.name ?? t('timeline.system') })}
              </span>
              {entry.fields.length > 0 ? (
                <div className="ct-hint">
                  {t('timeline.fields', {
                    fields: entry.fields
                      .map((f) => t(`timeline.fieldNames.${f}`, { defaultValue: fieldLabel(t, f) }))
                      .join(', '),
                  })}
                </div>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
