import { describe, expect, it } from 'vitest';
import { MAX_TAXONOMY_DEPTH, topLevelCategory } from './taxonomy';

const parents = new Map<string, string | null>([
  ['FOOD', null],
  ['FOOD-BANK', 'FOOD'],
  ['FOOD-BANK-MOBILE', 'FOOD-BANK'],
]);
const parentOf = (id: string) => parents.get(id);

describe('topLevelCategory', () => {
  it('is the ancestor without a parent, the category itself for a category', () => {
    expect(topLevelCategory('FOOD-BANK-MOBILE', parentOf)).toBe('FOOD');
    expect(topLevelCategory('FOOD-BANK', parentOf)).toBe('FOOD');
    expect(topLevelCategory('FOOD', parentOf)).toBe('FOOD');
  });

  it('stops at a term it does not know, and at the depth limit on a cycle', () => {
    expect(topLevelCategory('UNKNOWN', parentOf)).toBe('UNKNOWN');
    let steps = 0;
    const cycle = (id: string) => (steps++, id === 'A' ? 'B' : 'A');
    expect(['A', 'B']).toContain(topLevelCategory('A', cycle));
    expect(steps).toBe(MAX_TAXONOMY_DEPTH);
  });
});
