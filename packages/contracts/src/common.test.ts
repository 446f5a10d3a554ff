import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { asLocale, bilingual, bilingualFields, bilingualOf, bilingualPair, pickLanguage } from './common';

describe('bilingual text', () => {
  it('picks the wanted language and falls back to the other', () => {
    expect(pickLanguage('fr', 'Food', 'Alimentation')).toBe('Alimentation');
    expect(pickLanguage('en', 'Food', 'Alimentation')).toBe('Food');
    expect(pickLanguage('fr', 'Food', null)).toBe('Food');
    expect(pickLanguage('en', undefined, 'Alimentation')).toBe('Alimentation');
    expect(pickLanguage('en', null, null)).toBeUndefined();
  });

  it('names the two fields of a side-by-side pair and converts them to and from { en, fr }', () => {
    const fields = bilingualFields('alternateName', z.string().nullable());
    expect(Object.keys(fields)).toEqual(['alternateNameEn', 'alternateNameFr']);
    const row = { id: 1, nameEn: 'Food bank', nameFr: null };
    expect(bilingualOf(row, 'name')).toEqual({ en: 'Food bank', fr: null });
    expect(bilingualPair('serviceName', { en: 'Food bank', fr: 'Banque' })).toEqual({
      serviceNameEn: 'Food bank',
      serviceNameFr: 'Banque',
    });
  });

  it('checks both languages of a { en, fr } value', () => {
    const Name = bilingual(z.string().min(1));
    expect(Name.parse({ en: 'a', fr: 'b' })).toEqual({ en: 'a', fr: 'b' });
    expect(Name.safeParse({ en: 'a', fr: '' }).error?.issues[0]?.path).toEqual(['fr']);
  });

  it('reads a stored locale: French when it says so, English otherwise', () => {
    expect(asLocale('fr')).toBe('fr');
    expect(asLocale('en')).toBe('en');
    expect(asLocale('de')).toBe('en');
    expect(asLocale(null)).toBe('en');
  });
});
