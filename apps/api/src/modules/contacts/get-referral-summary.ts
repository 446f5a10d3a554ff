import { pickLanguage, type Locale, type ReferralKind, type ReferralSummary } from '@relais/contracts';
import { writeAudit } from '../../lib/audit';
import type { ServiceContext } from '../../lib/context';
import { contactToRead } from './contacts.access';
import { locationAddresses, staffLocale, termNames } from './contacts.queries';

/**
 * GET /api/contacts/:id/referral-summary: a clean plain-text summary of a contact's referrals, to copy into an
 * SMS or email: in the caller's language when it is English or French, otherwise in the specialist's. No
 * personal details in it.
 */

const words = {
  en: {
    title: 'Your 211 referrals',
    kind: { referral: '', warm_transfer: ' (we transferred you)', advocacy: ' (we contacted them for you)' },
    phone: 'Phone',
    site: 'Where',
    footer: 'Need more help? Call or text 211, any time. Service information can change: call before you go.',
  },
  fr: {
    title: 'Vos références du 211',
    kind: {
      referral: '',
      warm_transfer: ' (transfert accompagné)',
      advocacy: ' (nous les avons contactés pour vous)',
    },
    phone: 'Téléphone',
    site: 'Où',
    footer:
      "Besoin d'aide? Appelez ou textez le 211, en tout temps. Les renseignements peuvent changer : appelez avant de vous déplacer.",
  },
} satisfies Record<Locale, unknown>;

const dateFormat = (lang: Locale, timeZone: string) =>
  new Intl.DateTimeFormat(lang === 'fr' ? 'fr-CA' : 'en-CA', { dateStyle: 'long', timeZone });

export async function getReferralSummary({
  ctx,
  id,
  lang,
}: {
  ctx: ServiceContext;
  id: string;
  lang?: Locale;
}): Promise<ReferralSummary> {
  const record = await contactToRead(ctx, id);
  let language: Locale = 'en';
  if (lang) language = lang;
  else if (record.callerLanguage === 'en' || record.callerLanguage === 'fr') language = record.callerLanguage;
  else if ((await staffLocale(ctx.db, record.specialistId ?? ctx.actor.id)) === 'fr') language = 'fr';
  const termIds = [...new Set(record.needs.map((n) => n.termId))];
  const locationIds = [...new Set(record.referrals.flatMap((r) => (r.locationId ? [r.locationId] : [])))];
  const terms = await termNames(ctx.db, termIds);
  const places = await locationAddresses(ctx.db, locationIds);
  const termName = new Map(
    terms.map((t) => [
      t.id,
      (language === 'fr' ? (t.name_fr ?? t.name_en) : (t.name_en ?? t.name_fr)) ?? t.id,
    ]),
  );
  const address = new Map(places.map((p) => [p.id, [p.address_1, p.city].filter(Boolean).join(', ')]));
  await writeAudit(ctx.db, ctx, {
    action: 'read',
    entityType: 'contact',
    entityId: id,
    fields: ['referralSummary'],
  });
  const w = words[language];
  const out = [`${w.title} — ${dateFormat(language, ctx.timeZone).format(record.startedAt)}`];
  for (const need of record.needs) {
    const refs = record.referrals.filter((r) => r.needId === need.id);
    if (refs.length === 0) continue;
    out.push('', termName.get(need.termId) ?? need.termId);
    for (const r of refs) {
      // The snapshot taken at referral time, in the summary's language: right even if the directory changed.
      const service = pickLanguage(language, r.serviceNameEn, r.serviceNameFr) ?? r.serviceName;
      const site = pickLanguage(language, r.locationNameEn, r.locationNameFr) ?? r.locationName;
      out.push(`• ${service}${w.kind[r.kind as ReferralKind] ?? ''}`);
      if (r.servicePhone) out.push(`  ${w.phone}: ${r.servicePhone}`);
      const where = [site, r.locationId ? address.get(r.locationId) : undefined].filter(Boolean);
      if (where.length) out.push(`  ${w.site}: ${where.join(' — ')}`);
    }
  }
  out.push('', w.footer);
  return { language, text: out.join('\n') };
}
