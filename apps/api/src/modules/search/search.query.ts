/**
 * The parsed text of a search, as data: both engines read this tree (the in-memory index walks it, the SQL
 * engine renders it as a tsquery), so neither re-parses what the other built.
 */
export type QueryNode =
  | { kind: 'term'; lexeme: string; prefix: boolean }
  | { kind: 'and' | 'or'; children: QueryNode[] }
  /** Rows without the child (only PostgreSQL answers it). */
  | { kind: 'not'; child: QueryNode }
  /** Children in this order, `distance` positions apart (only PostgreSQL answers it). */
  | { kind: 'phrase'; distance: number; children: QueryNode[] };

export const term = (lexeme: string, prefix = false): QueryNode => ({ kind: 'term', lexeme, prefix });

/** Every child; null children (words without lexemes) are left out, and one child stands for itself. */
export function allOf(children: Array<QueryNode | null>): QueryNode | null {
  const kept = children.filter((c): c is QueryNode => c !== null);
  if (kept.length <= 1) return kept[0] ?? null;
  return { kind: 'and', children: kept };
}

export function anyOf(children: Array<QueryNode | null>): QueryNode | null {
  const kept = children.filter((c): c is QueryNode => c !== null);
  if (kept.length <= 1) return kept[0] ?? null;
  return { kind: 'or', children: kept };
}

/** A query that matches nothing (a search whose words are all stop words). */
export const NOTHING: QueryNode = { kind: 'or', children: [] };

export const matchesNothing = (node: QueryNode) =>
  (node.kind === 'or' || node.kind === 'and') && node.children.length === 0;

const quote = (lexeme: string) => `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/** The tree as tsquery text for PostgreSQL (bound as a parameter, never spliced into SQL). */
export function toTsquery(node: QueryNode): string {
  switch (node.kind) {
    case 'term':
      return node.prefix ? `${quote(node.lexeme)}:*` : quote(node.lexeme);
    case 'not':
      return `!(${toTsquery(node.child)})`;
    case 'phrase':
      return `(${node.children.map(toTsquery).join(` <${node.distance}> `)})`;
    case 'and':
    case 'or':
      return `(${node.children.map(toTsquery).join(node.kind === 'and' ? ' & ' : ' | ')})`;
  }
}

/** Whether the in-memory index can answer the tree exactly (it keeps no word positions). */
export function isPlainQuery(node: QueryNode): boolean {
  if (node.kind === 'term') return true;
  if (node.kind === 'and' || node.kind === 'or') return node.children.every(isPlainQuery);
  return false;
}

/** Every lexeme of the tree. */
export function lexemesOf(node: QueryNode): string[] {
  if (node.kind === 'term') return [node.lexeme];
  if (node.kind === 'not') return lexemesOf(node.child);
  return node.children.flatMap(lexemesOf);
}

/**
 * Reads tsquery text as PostgreSQL prints it (websearch_to_tsquery's answer for the HSDS API's `search`):
 * quoted lexemes, `:*`, `!`, `<->` / `<N>`, `&`, `|` and parentheses, with PostgreSQL's precedence
 * (`!` over `<->` over `&` over `|`). Empty text is a query that matches nothing.
 */
export function parseTsquery(text: string): QueryNode {
  let i = 0;
  const fail = (): never => {
    throw new Error(`unexpected tsquery at ${i}: ${text}`);
  };
  const skip = () => {
    while (text[i] === ' ') i++;
  };
  const atom = (): QueryNode => {
    skip();
    if (text[i] === '!') {
      i++;
      return { kind: 'not', child: atom() };
    }
    if (text[i] === '(') {
      i++;
      const inner = or();
      skip();
      if (text[i] !== ')') fail();
      i++;
      return inner;
    }
    if (text[i] !== "'") fail();
    i++;
    let word = '';
    for (;;) {
      if (i >= text.length) fail();
      const ch = text[i] as string;
      if (ch === '\\') {
        word += text[i + 1] ?? '';
        i += 2;
      } else if (ch === "'" && text[i + 1] === "'") {
        word += "'";
        i += 2;
      } else if (ch === "'") {
        i++;
        break;
      } else {
        word += ch;
        i++;
      }
    }
    if (text[i] !== ':') return term(word);
    if (text[i + 1] !== '*' || /[A-Da-d*]/.test(text[i + 2] ?? '')) fail();
    i += 2;
    return term(word, true);
  };
  const phrase = (): QueryNode => {
    let left = atom();
    for (;;) {
      skip();
      const found = /^<(-|\d+)>/.exec(text.slice(i));
      if (!found) return left;
      i += found[0].length;
      left = { kind: 'phrase', distance: found[1] === '-' ? 1 : Number(found[1]), children: [left, atom()] };
    }
  };
  const chain = (kind: 'and' | 'or', operator: string, next: () => QueryNode) => (): QueryNode => {
    const children = [next()];
    for (;;) {
      skip();
      if (text[i] !== operator)
        return children.length === 1 ? (children[0] as QueryNode) : { kind, children };
      i++;
      children.push(next());
    }
  };
  const and = chain('and', '&', phrase);
  const or: () => QueryNode = chain('or', '|', and);
  skip();
  if (i === text.length) return NOTHING;
  const tree = or();
  skip();
  if (i !== text.length) fail();
  return tree;
}
