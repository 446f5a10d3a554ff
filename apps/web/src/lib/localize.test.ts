import { describe, expect, it } from 'vitest';
import { localeOf, localize, localizedLang, otherLocale } from './localize';

describe('localize', () => {
  it('reads the locale from any i18next language tag', () => {
    expect(localeOf('fr')).toBe('fr');
    expect(localeOf('fr-CA')).toBe('fr');
    expect(localeOf('en-CA')).toBe('en');
    expect(localeOf('es')).toBe('en');
    expect(otherLocale('fr')).toBe('en');
  });

  it("shows the reader's language, else the other one, and says which one it showed", () => {
    expect(localize('fr', 'Food bank', 'Banque alimentaire')).toBe('Banque alimentaire');
    expect(localize('fr', 'Food bank', null)).toBe('Food bank');
    expect(localizedLang('fr', 'Food bank', null)).toBe('en');
    expect(localize('en', undefined, 'Banque alimentaire')).toBe('Banque alimentaire');
    expect(localizedLang('en', undefined, 'Banque alimentaire')).toBe('fr');
    expect(localize('en', null, null)).toBe('');
  });
});
