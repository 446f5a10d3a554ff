import type { Locale, PhoneType } from '@relais/contracts';

/** Conversions from HSDS 3.0 field values to what the directory stores; each says why when it cannot. */

export type Converted<T> = { ok: true; value: T } | { ok: false; reason: string };
const ok = <T>(value: T): Converted<T> => ({ ok: true, value });
const no = <T>(reason: string): Converted<T> => ({ ok: false, reason });

const PHONE_TYPES: Record<string, PhoneType> = {
  voice: 'voice',
  phone: 'voice',
  main: 'voice',
  office: 'voice',
  landline: 'voice',
  cell: 'voice',
  mobile: 'voice',
  text: 'text',
  sms: 'text',
  fax: 'fax',
  tty: 'tty',
  ttd: 'tty',
  tdd: 'tty',
  textphone: 'tty',
  hotline: 'hotline',
  crisis: 'hotline',
  toll_free: 'toll_free',
  tollfree: 'toll_free',
  'toll-free': 'toll_free',
  'toll free': 'toll_free',
};

export function phoneType(raw: string | null | undefined): Converted<PhoneType> {
  if (!raw) return ok('voice');
  const found = PHONE_TYPES[raw.trim().toLowerCase()];
  return found
    ? ok(found)
    : no(`phone type "${raw}" is not one of voice, text, fax, tty, hotline, toll_free`);
}

/** ISO 639-1 codes (plus a few 639-3 ones common in Ontario) whose names we recognise on import. */
const KNOWN_CODES = (
  'af am ar az be bg bn bo bs ca cs cy da de dv el en es et fa fi fr ga gu he hi hr ht hu hy id ig is it iu ' +
  'ja ka kk km kn ko ku ky lo lt lv mk ml mn mr ms mt my ne nl no pa pl ps pt ro ru rw si sk sl so sq sr sv ' +
  'sw ta te tg th ti tk tl tr uk ur uz vi wo yi yo zh zu oj cr moh asl hak yue cmn'
).split(' ');

let byName: Map<string, string> | undefined;

function nameIndex(): Map<string, string> {
  if (byName) return byName;
  byName = new Map();
  for (const locale of ['en', 'fr']) {
    const names = new Intl.DisplayNames([locale], { type: 'language' });
    for (const code of KNOWN_CODES) {
      const name = names.of(code);
      if (name && name !== code) byName.set(name.toLowerCase(), code);
    }
  }
  byName.set('american sign language', 'asl');
  byName.set('langue des signes québécoise', 'fsl');
  return byName;
}

const THREE_TO_TWO: Record<string, string> = {
  eng: 'en',
  fra: 'fr',
  fre: 'fr',
  spa: 'es',
  ara: 'ar',
  zho: 'zh',
  chi: 'zh',
};

/** A language code the directory accepts (^[a-z]{2,3}$), from an HSDS code ('fr', 'fr-CA', 'fra') or name. */
export function languageCode(
  code: string | null | undefined,
  name: string | null | undefined,
): Converted<string> {
  if (code) {
    const base = code.trim().toLowerCase().split(/[-_]/)[0] ?? '';
    const normal = THREE_TO_TWO[base] ?? base;
    if (/^[a-z]{2,3}$/.test(normal)) return ok(normal);
    return no(`language code "${code}" is not an ISO 639 code such as en, fr, ar`);
  }
  if (name) {
    const found = nameIndex().get(name.trim().toLowerCase());
    return found
      ? ok(found)
      : no(`language "${name}" has no code and its name is not recognised; add an ISO 639 code`);
  }
  return no('a language needs a code (ISO 639) or a name');
}

/** The locale an HSDS taxonomy term's `language` names ('en', 'eng', 'fr-CA'), or the import's default. */
export function localeOf(language: string | null | undefined, fallback: Locale): Locale {
  const base = language?.trim().toLowerCase().slice(0, 2);
  return base === 'fr' ? 'fr' : base === 'en' ? 'en' : fallback;
}

const TIME = /^([01]\d|2[0-4]):([0-5]\d)(:[0-5]\d(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** 'HH:MM[:SS]' → 'HH:MM:00' (a zone suffix is dropped: hours are local to the location). */
export function localTime(raw: string): Converted<string> {
  const m = TIME.exec(raw.trim());
  if (!m) return no(`"${raw}" is not a time such as 09:00 or 17:30:00`);
  const hour = m[1] === '24' ? '00' : m[1];
  return ok(`${hour}:${m[2]}:00`);
}

const DATE = /^\d{4}-\d{2}-\d{2}/;

export function isoDate(raw: string): Converted<string> {
  if (!DATE.test(raw) || Number.isNaN(Date.parse(raw.slice(0, 10))))
    return no(`"${raw}" is not a date YYYY-MM-DD`);
  return ok(raw.slice(0, 10));
}

const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** RFC 5545 BYDAY list ('MO,TU'); positional forms such as '1MO' (monthly) are not weekly hours. */
export function byday(raw: string): Converted<string> {
  const days = raw
    .toUpperCase()
    .split(',')
    .map((d) => d.trim())
    .filter((d) => d.length > 0);
  if (days.length === 0) return no('byday lists no day');
  const bad = days.find((d) => !DAYS.includes(d));
  if (bad) return no(`byday "${bad}" is not one of MO, TU, WE, TH, FR, SA, SU`);
  return ok([...new Set(days)].sort((a, b) => DAYS.indexOf(a) - DAYS.indexOf(b)).join(','));
}

export type ExtentType = 'municipality' | 'region' | 'province' | 'postal_code' | 'geojson' | 'other';

export function extentType(raw: string | null | undefined): ExtentType {
  const v = raw?.trim().toLowerCase() ?? '';
  if (['municipality', 'city', 'town', 'locality'].includes(v)) return 'municipality';
  if (['region', 'county', 'district'].includes(v)) return 'region';
  if (['province', 'state', 'territory'].includes(v)) return 'province';
  if (['postal_code', 'postcode', 'postal code', 'zip', 'zipcode', 'fsa'].includes(v)) return 'postal_code';
  if (['geojson', 'topojson'].includes(v)) return 'geojson';
  return 'other';
}

/** Ages are whole years in the directory; HSDS allows decimals, which are rounded down. */
export function age(raw: number | null | undefined): Converted<number | null> {
  if (raw === null || raw === undefined) return ok(null);
  if (raw < 0 || raw > 150) return no(`age ${raw} is outside 0–150`);
  return ok(Math.floor(raw));
}
