import { describe, expect, it } from 'vitest';
import { collectResources, LANGUAGES, resources } from './index';

/** Every key path of a nested resource object, e.g. 'login.errors.invalid'. */
function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

function leaves(value: unknown): unknown[] {
  if (typeof value !== 'object' || value === null) return [value];
  return Object.values(value).flatMap(leaves);
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  const namespaces = Object.keys(resources.en ?? {});

  it('loads every namespace file, including this shell’s', () => {
    expect(namespaces).toEqual(expect.arrayContaining(['common', 'auth']));
    expect(Object.keys(resources).sort()).toEqual([...LANGUAGES].sort());
  });

  it.each(namespaces)('%s has the same keys in English and French', (ns) => {
    expect(keys(resources.fr?.[ns]).sort()).toEqual(keys(resources.en?.[ns]).sort());
  });

  it.each(namespaces)('%s has no empty strings and the same placeholders in both languages', (ns) => {
    for (const language of LANGUAGES) {
      for (const text of leaves(resources[language]?.[ns])) {
        expect(typeof text === 'string' && text.trim().length > 0, `${language}/${ns}: ${String(text)}`).toBe(
          true,
        );
      }
    }
    for (const key of keys(resources.en?.[ns])) {
      const get = (language: string) =>
        key
          .split('.')
          .reduce<unknown>(
            (node, part) => (node as Record<string, unknown>)?.[part],
            resources[language]?.[ns],
          );
      const en = get('en');
      const fr = get('fr');
      if (typeof en === 'string' && typeof fr === 'string')
        expect(placeholders(fr), `${ns}:${key}`).toEqual(placeholders(en));
    }
  });

  it('names namespaces after their file and ignores anything else', () => {
    const collected = collectResources({
      './en/contacts.json': { a: 'A' },
      './fr/contacts.json': { a: 'Á' },
      './README.json': { nope: true },
    });
    expect(collected).toEqual({ en: { contacts: { a: 'A' } }, fr: { contacts: { a: 'Á' } } });
  });
});
