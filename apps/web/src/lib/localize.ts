import { useTranslation } from 'react-i18next';

/** The console's two languages. */
export type Locale = 'en' | 'fr';

type Text = string | null | undefined;

/** A record holding a bilingual field side by side: `name` → `nameEn`, `nameFr`. */
export type BilingualRecord<N extends string> = { [K in `${N}En` | `${N}Fr`]?: Text };

/** The locale of an i18next language tag ('fr', 'fr-CA' → fr; anything else → en). */
export const localeOf = (language: string): Locale => (language.startsWith('fr') ? 'fr' : 'en');

/** The other one of the two languages. */
export const otherLocale = (locale: Locale): Locale => (locale === 'fr' ? 'en' : 'fr');

/** A bilingual text in `locale`, falling back to the other language ('' when neither has one). */
export const localize = (locale: Locale, en: Text, fr: Text): string =>
  (locale === 'fr' ? (fr ?? en) : (en ?? fr)) ?? '';

/** The language the text `localize` picks is written in (for `lang`, so screen readers say it right). */
export const localizedLang = (locale: Locale, en: Text, fr: Text): Locale =>
  locale === 'fr' ? (fr ? 'fr' : 'en') : en ? 'en' : 'fr';

const pair = <N extends string>(record: BilingualRecord<N>, name: N): [Text, Text] => [
  record[`${name}En` as `${N}En`],
  record[`${name}Fr` as `${N}Fr`],
];

/**
 * Bilingual records in the reader's language, from i18n; re-renders when the language changes.
 * `pick(record, 'name')` picks `nameEn` or `nameFr`, `pickLang(record, 'name')` says which one it
 * picked; `text(en, fr)` and `lang(en, fr)` do the same for two loose values.
 */
export function useLocalize() {
  const { i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const text = (en: Text, fr: Text) => localize(locale, en, fr);
  const lang = (en: Text, fr: Text) => localizedLang(locale, en, fr);
  const pick = <N extends string>(record: BilingualRecord<N>, name: N) => text(...pair(record, name));
  const pickLang = <N extends string>(record: BilingualRecord<N>, name: N) => lang(...pair(record, name));
  return { locale, text, lang, pick, pickLang } as const;
}
