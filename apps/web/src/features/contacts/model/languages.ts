import { localeOf, otherLocale } from '../../../lib/localize';

/**
 * Every ISO 639-1 language, plus ISO 639-3 codes a Canadian 211 hears that 639-1 lacks (Indigenous
 * languages, Cantonese/Mandarin, Dari, sign languages). Names come from Intl.DisplayNames in the
 * browser, so the list needs no translation file; the few codes browsers do not name carry their own.
 */
const ISO_639_1 =
  'aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu';

const ISO_639_3_EXTRA =
  'ojs crk csw crj moe atj mic moh den dgr chp bla yue cmn nan hak prs pnb ckb kmr fil ase fcs';

/** Codes browsers do not name, or name the same as another code (Chinese/Mandarin, Filipino/Tagalog…). */
const OWN_NAMES: Record<string, { en: string; fr: string }> = {
  fcs: { en: 'Quebec Sign Language', fr: 'langue des signes québécoise' },
  cmn: { en: 'Mandarin Chinese', fr: 'chinois mandarin' },
  tl: { en: 'Tagalog', fr: 'tagalog' },
  tw: { en: 'Twi', fr: 'twi' },
  kmr: { en: 'Northern Kurdish (Kurmanji)', fr: 'kurde du Nord (kurmandji)' },
};

export const LANGUAGE_CODES: readonly string[] = [...ISO_639_1.split(' '), ...ISO_639_3_EXTRA.split(' ')];

/** Languages 211 centres in Canada hear most: listed first when the search box is empty. */
export const COMMON_LANGUAGES = [
  'en',
  'fr',
  'zh',
  'yue',
  'cmn',
  'pa',
  'es',
  'ar',
  'tl',
  'it',
  'pt',
  'ur',
  'ta',
  'fa',
  'so',
  'cr',
  'oj',
  'iu',
];

const namers = new Map<string, Intl.DisplayNames>();

function namer(locale: string) {
  let found = namers.get(locale);
  if (!found) {
    found = new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' });
    namers.set(locale, found);
  }
  return found;
}

/** The name of a language code in the given interface language ("fr" → "French" / "français"). */
export function languageName(code: string, locale: string): string {
  const lang = localeOf(locale);
  let name = OWN_NAMES[code]?.[lang] ?? code;
  if (name === code) {
    try {
      name = namer(lang).of(code) ?? code;
    } catch {
      name = code;
    }
  }
  return name.charAt(0).toLocaleUpperCase(lang) + name.slice(1);
}

export interface LanguageOption {
  code: string;
  /** Name in the interface language. */
  name: string;
  /** Name in the other official language, so a French-speaking specialist can type "Spanish" too. */
  otherName: string;
}

export function languageOptions(locale: string): LanguageOption[] {
  const other = otherLocale(localeOf(locale));
  return LANGUAGE_CODES.map((code) => ({
    code,
    name: languageName(code, locale),
    otherName: languageName(code, other),
  }));
}

function fold(text: string) {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** Matches code, English name or French name, accents ignored; names starting with the query first. */
export function searchLanguages(options: LanguageOption[], query: string, limit = 12): LanguageOption[] {
  const q = fold(query.trim());
  if (!q) {
    const byCode = new Map(options.map((o) => [o.code, o]));
    return COMMON_LANGUAGES.flatMap((code) => byCode.get(code) ?? []).slice(0, limit);
  }
  const scored: Array<{ option: LanguageOption; score: number }> = [];
  for (const option of options) {
    const name = fold(option.name);
    const otherName = fold(option.otherName);
    let score = -1;
    if (option.code === q) score = 0;
    else if (name.startsWith(q)) score = 1;
    else if (otherName.startsWith(q)) score = 2;
    else if (name.includes(q) || otherName.includes(q)) score = 3;
    if (score >= 0) scored.push({ option, score });
  }
  scored.sort((a, b) => a.score - b.score || a.option.name.localeCompare(b.option.name));
  return scored.slice(0, limit).map((s) => s.option);
}
