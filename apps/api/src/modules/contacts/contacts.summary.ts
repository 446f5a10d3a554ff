import { rows } from '@relais/db';
import type { Locale, ReferralKind, ReferralSummary } from '@relais/contracts';
import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../../lib/context';
import { notFound } from '../../lib/errors';
import { insertAuditRows } from './contacts.mutations';
import { findContact } from './contacts.queries';
import { assertCanRead } from './contacts.access';

/**
 * A clean plain-text summary of a contact's referrals, to copy into an SMS or email: in the caller's
 * language when it is English or French, otherwise in the specialist's. No personal details in it.
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

const dateFormat = (lang: Locale) =>
  new Intl.DateTimeFormat(lang === 'fr' ? 'fr-CA' : 'en-CA', {
    dateStyle: 'long',
    timeZone: 'America/Toronto',
  });

const inLanguage = (lang: Locale, en: string | null, fr: string | null) =>
  (lang === 'fr' ? (fr ?? en) : (en ?? fr)) ?? undefined;

export async function referralSummary({
  ctx,
  id,
  lang,
}: {
  ctx: ServiceContext;
  id: string;
  lang?: Locale;
}): Promise<ReferralSummary> {
  const record = await findContact(ctx.db, id);
  if (!record) throw notFound('Contact');
  assertCanRead(ctx.actor, record);
  let language: Locale = 'en';
  if (lang) language = lang;
  else if (record.callerLanguage === 'en' || record.callerLanguage === 'fr') language = record.callerLanguage;
  else {
    const [specialist] = await rows<{ locale: string }>(
      ctx.db,
      sql`SELECT locale FROM staff WHERE id = ${record.specialistId ?? ctx.actor.id}`,
    );
    if (specialist?.locale === 'fr') language = 'fr';
  }
  const termIds = [...new Set(record.needs.map((n) => n.termId))];
  const locationIds = [...new Set(record.referrals.flatMap((r) => (r.locationId ? [r.locationId] : [])))];
  const terms = await rows<{ id: string; name_en: string | null; name_fr: string | null }>(
    ctx.db,
    sql`SELECT id, name_en, name_fr FROM taxonomy_terms
        WHERE id IN (SELECT value FROM jsonb_array_elements_text(${JSON.stringify(termIds)}::jsonb))`,
  );
  const places = await rows<{ id: string; address_1: string | null; city: string | null }>(
    ctx.db,
    sql`SELECT id, address_1, city FROM locations
        WHERE id IN (SELECT value::uuid FROM jsonb_array_elements_text(${JSON.stringify(locationIds)}::jsonb))`,
  );
  const termName = new Map(
    terms.map((t) => [
      t.id,
      (language === 'fr' ? (t.name_fr ?? t.name_en) : (t.name_en ?? t.name_fr)) ?? t.id,
    ]),
  );
  const address = new Map(places.map((p) => [p.id, [p.address_1, p.city].filter(Boolean).join(', ')]));
  await insertAuditRows(ctx.db, ctx.actor, ctx.requestId, [
    { action: 'read', entityType: 'contact', entityId: id, fields: ['referralSummary'] },
  ]);
  const w = words[language];
  const out = [`${w.title} — ${dateFormat(language).format(record.startedAt)}`];
  for (const need of record.needs) {
    const refs = record.referrals.filter((r) => r.needId === need.id);
    if (refs.length === 0) continue;
    out.push('', termName.get(need.termId) ?? need.termId);
    for (const r of refs) {
      // The snapshot taken at referral time, in the summary's language: right even if the directory changed.
      const service = inLanguage(language, r.serviceNameEn, r.serviceNameFr) ?? r.serviceName;
      const site = inLanguage(language, r.locationNameEn, r.locationNameFr) ?? r.locationName;
      out.push(`• ${service}${w.kind[r.kind as ReferralKind] ?? ''}`);
      if (r.servicePhone) out.push(`  ${w.phone}: ${r.servicePhone}`);
      const where = [site, r.locationId ? address.get(r.locationId) : undefined].filter(Boolean);
      if (where.length) out.push(`  ${w.site}: ${where.join(' — ')}`);
    }
  }
  out.push('', w.footer);
  return { language, text: out.join('\n') };
}
