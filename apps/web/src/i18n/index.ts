import i18n, { type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { localeOf } from '../lib/localize';

/**
 * Every src/i18n/<language>/<namespace>.json is loaded here: a feature adds its own file (same keys in
 * en and fr) and uses it as `t('contacts:title')` or useTranslation('contacts'). No edit to this file.
 */
export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];
export const LANGUAGE_STORAGE_KEY = 'relais.language';

const files = import.meta.glob<Record<string, unknown>>('./*/*.json', { eager: true, import: 'default' });

export function collectResources(modules: Record<string, Record<string, unknown>>): Resource {
  const resources: Resource = {};
  for (const [path, content] of Object.entries(modules)) {
    const match = /^\.\/([a-z]{2})\/([\w-]+)\.json$/.exec(path);
    if (!match) continue;
    const [, language = '', namespace = ''] = match;
    resources[language] = { ...resources[language], [namespace]: content };
  }
  return resources;
}

export const resources = collectResources(files);

const isLanguage = (value: unknown): value is Language => LANGUAGES.includes(value as Language);

function storedLanguage(): Language | null {
  try {
    const value = localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

/** The remembered choice, else the browser's language when it is French, else English. */
export function initialLanguage(): Language {
  const stored = storedLanguage();
  if (stored) return stored;
  const browser = typeof navigator === 'undefined' ? '' : navigator.language;
  return localeOf(browser.toLowerCase());
}

export const hasStoredLanguage = () => storedLanguage() !== null;

function reflect(language: string) {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

/** Switches the console's language and remembers it on this browser. */
export async function changeLanguage(language: Language) {
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Private mode or storage full: the switch still applies for this visit.
  }
  await i18n.changeLanguage(language);
}

i18n.on('languageChanged', reflect);

void i18n.use(initReactI18next).init({
  resources,
  lng: initialLanguage(),
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  ns: Object.keys(resources.en ?? {}),
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});
reflect(i18n.language);

export default i18n;
