import { rows, type Db } from '@relais/db';
import { sql } from 'drizzle-orm';
import { perDatabase } from '../../lib/per-database';
import { textArray } from './search.sql';
import { allOf, anyOf, NOTHING, parseTsquery, term, type QueryNode } from './search.query';

/** What PostgreSQL's dictionaries say about query words, turned into query trees. */

export interface WordAnalysis {
  word: string;
  /** The closest known word by trigram similarity (null when none is close). */
  correction: string | null;
  known: boolean;
  /** Some known word starts with it (the specialist is still typing it). */
  prefix: boolean;
  /** Empty in one of the two languages' stemmers (a stop word such as "de", "the"). */
  stop: boolean;
  /** The English and French lexemes of the word and of its correction. */
  en: string[];
  fr: string[];
  correctionEn: string[] | null;
  correctionFr: string[] | null;
}

/** pg_trgm's default threshold for `%`; the operator itself is not used (see migrations/0006). */
const SIMILARITY_THRESHOLD = sql.raw('0.3');

const lexemes = (config: 'relais_en' | 'relais_fr', expr: string) =>
  sql.raw(`tsvector_to_array(to_tsvector('${config}', ${expr}))`);

/**
 * Spelling, stop-word and stemming analysis of the query words in one round trip: what is known in the
 * vocabulary (search_lexicon), the closest known word for the others, and their lexemes in both languages.
 */
async function analyseWords(db: Db, words: string[]): Promise<WordAnalysis[]> {
  if (words.length === 0) return [];
  return rows<WordAnalysis>(
    db,
    sql`
SELECT a.word, a.correction, a.known, a.prefix, a.stop,
  ${lexemes('relais_en', 'a.word')} AS en, ${lexemes('relais_fr', 'a.word')} AS fr,
  CASE WHEN a.correction IS NOT NULL THEN ${lexemes('relais_en', 'a.correction')} END AS "correctionEn",
  CASE WHEN a.correction IS NOT NULL THEN ${lexemes('relais_fr', 'a.correction')} END AS "correctionFr"
FROM (
  SELECT w.word,
    EXISTS (SELECT 1 FROM search_lexicon l WHERE l.word = w.word) AS known,
    EXISTS (SELECT 1 FROM search_lexicon l WHERE l.word LIKE w.word || '%' AND l.word <> w.word) AS prefix,
    numnode(plainto_tsquery('relais_en', w.word)) = 0 OR numnode(plainto_tsquery('relais_fr', w.word)) = 0 AS stop,
    (SELECT l.word FROM search_lexicon l
       WHERE show_trgm(l.word) && show_trgm(w.word) AND similarity(l.word, w.word) >= ${SIMILARITY_THRESHOLD}
       ORDER BY similarity(l.word, w.word) DESC, l.word LIMIT 1) AS correction,
    w.n
  FROM unnest(${textArray(words)}) WITH ORDINALITY AS w(word, n)
) a ORDER BY a.n`,
  );
}

// Specialists search the same needs all day: a word's analysis is kept a minute, so that a new word in the
// vocabulary (an edit, an import) is picked up quickly while most searches skip that round trip.
const ANALYSIS_TTL_MS = 60_000;
const ANALYSIS_MAX = 5_000;

function expiringMemo<V>() {
  return perDatabase<object, Map<string, { at: number; value: V }>>(() => new Map());
}

const analyses = expiringMemo<WordAnalysis>();

/** The analysis of each word, in order (from a minute-long memo per database). */
export async function analyse(db: Db, words: string[]): Promise<WordAnalysis[]> {
  const memo = analyses(db);
  const now = Date.now();
  const missing = [...new Set(words.filter((w) => now - (memo.get(w)?.at ?? 0) >= ANALYSIS_TTL_MS))];
  if (missing.length) {
    for (const value of await analyseWords(db, missing)) {
      if (memo.size >= ANALYSIS_MAX) memo.clear();
      memo.set(value.word, { at: now, value });
    }
  }
  return words.flatMap((w) => {
    const hit = memo.get(w);
    return hit ? [hit.value] : [];
  });
}

/**
 * A word as a query: its English or its French lexemes (a word the parser splits needs all of its parts).
 * Null when neither language keeps anything of it.
 */
export function wordQuery(en: string[], fr: string[], prefix = false): QueryNode | null {
  const side = (list: string[]) => allOf(list.map((l) => term(l, prefix)));
  return anyOf([side(en), side(fr)]);
}

const webSearches = expiringMemo<QueryNode>();

/**
 * The HSDS API's `search`: websearch_to_tsquery in English or in French (quotes, `or`, `-word`), as
 * PostgreSQL reads it, turned into a tree once.
 */
export async function webSearchQuery(db: Db, text: string): Promise<QueryNode> {
  const memo = webSearches(db);
  const now = Date.now();
  const held = memo.get(text);
  if (held && now - held.at < ANALYSIS_TTL_MS) return held.value;
  const [found] = await rows<{ q: string }>(
    db,
    sql`SELECT (websearch_to_tsquery('relais_en', ${text}) || websearch_to_tsquery('relais_fr', ${text}))::text AS q`,
  );
  const value = found ? parseTsquery(found.q) : NOTHING;
  if (memo.size >= ANALYSIS_MAX) memo.clear();
  memo.set(text, { at: now, value });
  return value;
}
