import { pickLocale, type OpeningPeriod } from '@relais/contracts';
import { useTranslation } from 'react-i18next';

/**
 * Bilingual records: show the reader's language, fall back to the other one. `lang` tells screen readers
 * (and the reader) when the text shown is in the other language.
 */
export function useLocalize() {
  const { i18n } = useTranslation();
  const locale = i18n.language.startsWith('fr') ? 'fr' : 'en';
  const text = (en: string | null | undefined, fr: string | null | undefined) => pickLocale(locale, en, fr);
  const lang = (en: string | null | undefined, fr: string | null | undefined): 'en' | 'fr' =>
    locale === 'fr' ? (fr ? 'fr' : 'en') : en ? 'en' : 'fr';
  return { locale, text, lang } as const;
}

/** "9:00–17:00, 18:00–20:00" in the reader's convention. */
export function formatPeriods(periods: OpeningPeriod[], locale: 'en' | 'fr'): string {
  const time = (t: string) => {
    const [h = '0', m = '00'] = t.split(':');
    return locale === 'fr' ? `${Number(h)} h ${m}` : `${Number(h)}:${m}`;
  };
  return periods
    .map((p) =>
      p.opensAt === '00:00' && p.closesAt === '00:00' ? '24 h' : `${time(p.opensAt)}–${time(p.closesAt)}`,
    )
    .join(', ');
}
