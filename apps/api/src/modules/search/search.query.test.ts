import { describe, expect, it } from 'vitest';
import { wordQuery } from './search.analysis';
import { allOf, anyOf, isPlainQuery, NOTHING, parseTsquery, term, toTsquery } from './search.query';

describe('query tree', () => {
  it('builds a word as its English or French lexemes, every word required', () => {
    const food = wordQuery(['food'], ['food']);
    const bank = wordQuery(['bank'], ['banqu']);
    expect(allOf([food, null, bank])).toEqual({
      kind: 'and',
      children: [
        { kind: 'or', children: [term('food'), term('food')] },
        { kind: 'or', children: [term('bank'), term('banqu')] },
      ],
    });
    expect(wordQuery([], ['repa'], true)).toEqual(term('repa', true));
    expect(wordQuery([], [])).toBeNull();
    expect(anyOf([null, term('meal')])).toEqual(term('meal'));
  });

  it('renders the tree as a tsquery PostgreSQL reads back the same', () => {
    const tree = allOf([anyOf([term('meal'), term('repa')]), term("o'neil"), term('toronto', true)]);
    expect(toTsquery(tree ?? NOTHING)).toBe(`(('meal' | 'repa') & 'o''neil' & 'toronto':*)`);
    expect(parseTsquery(toTsquery(tree ?? NOTHING))).toEqual(tree);
  });

  it('reads what websearch_to_tsquery prints, with its precedence', () => {
    expect(parseTsquery(`'food' <-> 'bank' | !'rent' & 'foo-bar' <-> 'foo'`)).toEqual({
      kind: 'or',
      children: [
        { kind: 'phrase', distance: 1, children: [term('food'), term('bank')] },
        {
          kind: 'and',
          children: [
            { kind: 'not', child: term('rent') },
            { kind: 'phrase', distance: 1, children: [term('foo-bar'), term('foo')] },
          ],
        },
      ],
    });
    expect(parseTsquery(`'meal' & 'repa' | 'food'`)).toEqual({
      kind: 'or',
      children: [{ kind: 'and', children: [term('meal'), term('repa')] }, term('food')],
    });
    expect(parseTsquery('')).toEqual(NOTHING);
    expect(() => parseTsquery(`('meal'`)).toThrow();
  });

  it('leaves negation and phrases to PostgreSQL (the index keeps no positions)', () => {
    expect(isPlainQuery(parseTsquery(`('meal' | 'repa') & 'toronto':*`))).toBe(true);
    expect(isPlainQuery(parseTsquery(`'food' <-> 'bank'`))).toBe(false);
    expect(isPlainQuery(parseTsquery(`'food' & !'bank'`))).toBe(false);
  });
});
