/**
 * Taxonomy terms form a tree: the need categories (FOOD, HOUSING, …) have no parent, and a subcategory's
 * category is its top-level ancestor. The database derives it the same way (contact_needs.category_id).
 */

/** How deep the tree may be: a cycle in bad data ends the walk instead of looping. */
export const MAX_TAXONOMY_DEPTH = 20;

/**
 * The top-level category of a term: its ancestor without a parent. `parentOf` answers a term's parent id,
 * or null/undefined for a category or a term it does not know (the walk stops there).
 */
export function topLevelCategory(
  termId: string,
  parentOf: (id: string) => string | null | undefined,
): string {
  let current = termId;
  for (let depth = 0; depth < MAX_TAXONOMY_DEPTH; depth++) {
    const parent = parentOf(current);
    if (!parent) break;
    current = parent;
  }
  return current;
}
