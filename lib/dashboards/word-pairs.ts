// Word-pair (bigram) frequency over free text, as in the study's Figure 1
// ("mental health" and "social care" came top). Pure and synchronous so it can
// run anywhere: a server component, a script, or a unit test.
//
// Method, following R's tidytext as the study did: bigrams are built from the
// raw stream of adjacent words, then any bigram containing a stop word is
// dropped. So "care and mental health" yields only "mental health" — the
// words either side of a stop word are never joined into a pair.
//
// Tokeniser rules:
// - Lower-cased. A word is a run of letters/digits (any script).
// - Hyphens split: "short-term" -> "short", "term". The bigram "short term"
//   then counts the same however the author punctuated it.
// - Apostrophes (' or ’) inside a word are kept, so contractions stay whole
//   ("don't", a stop word), but a possessive is stripped: "trust's" ->
//   "trust", "trusts’" -> "trusts".
// - "&" between letters is kept: "a&e" and "r&d" are terms in NHS writing and
//   would otherwise vanish as single letters.
// - Pure numbers ("2024", the "3" and "5" of "3.5") and one-character words
//   are dropped. A dropped word still occupies its place, so it breaks
//   adjacency like a stop word: "cut 20 beds" gives no "cut beds".
// - A pair never spans . ! ? ; : or a line break, nor two texts. Commas do
//   not break pairs (tidytext's n-grams ignore them too).
//
// Each counted decision's pairs are kept in decision_word_pairs (./word-pairs-store.ts), extracted with
// these rules when its text was frozen. A change to the rules or the stop words must ship with a
// migration that queues every decision again (as requeueAllWordPairs does): the kept pairs would
// otherwise follow the old rules until `npm run aggregates:rebuild`.

export type WordPairCount = { pair: string; count: number };

export const DEFAULT_WORD_PAIR_LIMIT = 20;

const STOP_WORD_LIST = [
  // articles, conjunctions, prepositions
  "a", "an", "the", "and", "or", "but", "nor", "if", "then", "else", "so", "yet",
  "as", "at", "by", "for", "from", "in", "into", "of", "off", "on", "onto", "out",
  "over", "under", "to", "up", "down", "with", "within", "without", "about",
  "above", "below", "after", "before", "against", "among", "amongst", "around",
  "across", "along", "behind", "beside", "besides", "between", "beyond", "during",
  "except", "inside", "near", "since", "through", "throughout", "till", "toward",
  "towards", "until", "upon", "via", "per", "than", "because", "while", "whilst",
  "although", "though", "unless", "whether", "whereas",
  // pronouns and determiners
  "i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves",
  "you", "your", "yours", "yourself", "yourselves", "he", "him", "his", "himself",
  "she", "her", "hers", "herself", "it", "its", "itself", "they", "them", "their",
  "theirs", "themselves", "this", "that", "these", "those", "who", "whom", "whose",
  "which", "what", "whatever", "whichever", "whoever", "all", "any", "both",
  "each", "either", "neither", "every", "few", "many", "much", "more", "most",
  "less", "least", "other", "others", "another", "some", "such", "same", "own",
  "several", "none", "no", "not", "only", "one", "ones", "two", "three",
  // auxiliaries and modals
  "am", "is", "are", "was", "were", "be", "been", "being", "have", "has", "had",
  "having", "do", "does", "did", "doing", "done", "will", "would", "shall",
  "should", "can", "could", "may", "might", "must", "ought", "get", "got",
  "gets", "getting",
  // adverbs and fillers
  "also", "very", "too", "just", "even", "still", "already", "again", "ever",
  "never", "always", "often", "here", "there", "where", "when", "why", "how",
  "now", "once", "further", "however", "therefore", "thus", "hence",
  "etc", "eg", "ie", "well", "quite", "rather", "really", "perhaps", "yes",
  "let", "like",
  // contractions (possessive 's is stripped before lookup, so "it's" -> "it")
  "don't", "doesn't", "didn't", "can't", "cannot", "couldn't", "won't",
  "wouldn't", "shouldn't", "mustn't", "isn't", "aren't", "wasn't", "weren't",
  "hasn't", "haven't", "hadn't", "shan't", "i'm", "i've", "i'd", "i'll",
  "we're", "we've", "we'd", "we'll", "you're", "you've", "you'd", "you'll",
  "they're", "they've", "they'd", "they'll", "he'd", "he'll", "she'd",
  "she'll", "it'll", "that'll", "there'll",
];

export const STOP_WORDS: ReadonlySet<string> = new Set(STOP_WORD_LIST);

// One regex pass finds both words and clause boundaries, so counting walks
// each text once instead of splitting it into sentences first.
const WORD_OR_BOUNDARY =
  /[\p{L}\p{M}\p{N}]+(?:['’&][\p{L}\p{M}\p{N}]+)*|[.!?;:\n\r]/gu;
const HAS_LETTER = /\p{L}/u;

function isBoundary(match: string): boolean {
  if (match.length !== 1) return false;
  const c = match.charCodeAt(0);
  // . ! ? ; : \n \r
  return c === 46 || c === 33 || c === 63 || c === 59 || c === 58 || c === 10 || c === 13;
}

// Returns null for a word that is dropped (number, single character).
function normaliseWord(raw: string): string | null {
  let word = raw;
  if (word.includes("’")) word = word.replaceAll("’", "'");
  if (word.endsWith("'s")) word = word.slice(0, -2);
  if (word.length < 2) return null;
  // Cheap ASCII check first: most words start with a letter.
  const c = word.charCodeAt(0);
  const startsWithAsciiLetter = c >= 97 && c <= 122;
  if (!startsWithAsciiLetter && !HAS_LETTER.test(word)) return null;
  return word;
}

export function tokenise(text: string): string[] {
  const tokens: string[] = [];
  const lower = text.toLowerCase();
  WORD_OR_BOUNDARY.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = WORD_OR_BOUNDARY.exec(lower)) !== null) {
    const word = isBoundary(match[0]) ? null : normaliseWord(match[0]);
    if (word !== null) tokens.push(word);
  }
  return tokens;
}

function comparePairCounts(a: WordPairCount, b: WordPairCount): number {
  if (a.count !== b.count) return b.count - a.count;
  // Code-unit order, not localeCompare: deterministic across servers and fast.
  return a.pair < b.pair ? -1 : a.pair > b.pair ? 1 : 0;
}

// Free text yields many distinct pairs (often hundreds of thousands), and the
// caller usually wants the top 20, so keep a small sorted window instead of
// sorting everything.
function topCounts(counts: Map<string, number>, limit: number): WordPairCount[] {
  if (limit <= 0) return [];
  if (limit >= counts.size) {
    const all: WordPairCount[] = [];
    for (const [pair, count] of counts) all.push({ pair, count });
    return all.sort(comparePairCounts);
  }
  const top: WordPairCount[] = [];
  for (const [pair, count] of counts) {
    const entry = { pair, count };
    if (top.length === limit && comparePairCounts(entry, top[limit - 1]) >= 0) continue;
    let i = top.length;
    while (i > 0 && comparePairCounts(entry, top[i - 1]) < 0) i--;
    top.splice(i, 0, entry);
    if (top.length > limit) top.pop();
  }
  return top;
}

// Pair keys are numbers, not "word word" strings: building and hashing ten
// million concatenated strings was most of the run time. Word ids are dense
// from 0, so id * 2^26 + id stays an exact integer for any real vocabulary.
const PAIR_KEY_BASE = 2 ** 26;
const SKIP = -1;

/** Builds pair keys text by text, sharing one vocabulary (see PAIR_KEY_BASE). */
function pairScanner() {
  // Raw match -> word id, or SKIP for boundaries, dropped words and stop words,
  // so each token costs one Map lookup after its first sighting.
  const idOfRaw = new Map<string, number>();
  const idOfWord = new Map<string, number>();
  const words: string[] = [];
  return {
    /** Calls onPair with the key of every adjacent pair in text, in order (repeats included). */
    scan(text: string, onPair: (key: number) => void) {
      const lower = text.toLowerCase();
      WORD_OR_BOUNDARY.lastIndex = 0;
      let previous = SKIP;
      let match: RegExpExecArray | null;
      while ((match = WORD_OR_BOUNDARY.exec(lower)) !== null) {
        const raw = match[0];
        let id = idOfRaw.get(raw);
        if (id === undefined) {
          const word = isBoundary(raw) ? null : normaliseWord(raw);
          if (word === null || STOP_WORDS.has(word)) {
            id = SKIP;
          } else {
            id = idOfWord.get(word);
            if (id === undefined) {
              id = words.length;
              words.push(word);
              idOfWord.set(word, id);
            }
          }
          idOfRaw.set(raw, id);
        }
        if (id !== SKIP && previous !== SKIP) onPair(previous * PAIR_KEY_BASE + id);
        previous = id;
      }
    },
    pairOf(key: number): string {
      const first = Math.floor(key / PAIR_KEY_BASE);
      return words[first] + " " + words[key - first * PAIR_KEY_BASE];
    },
  };
}

function checkLimit(limit: number) {
  if (Number.isNaN(limit) || limit < 0) {
    throw new RangeError(`limit must be a non-negative number, got ${limit}`);
  }
}

export function countWordPairs(
  texts: string[],
  opts: { limit?: number } = {},
): WordPairCount[] {
  const limit = opts.limit ?? DEFAULT_WORD_PAIR_LIMIT;
  checkLimit(limit);
  const scanner = pairScanner();
  const counts = new Map<number, number>();
  const add = (key: number) => counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const text of texts) scanner.scan(text, add);

  const byPair = new Map<string, number>();
  for (const [key, count] of counts) byPair.set(scanner.pairOf(key), count);
  return topCounts(byPair, Math.floor(limit));
}

/**
 * Word pairs counted by document, for publishing text statistics without exposing any one
 * document or group: a pair counts at most once per document (so a phrase repeated in one
 * document counts 1), and a pair is returned only if it appears in at least `minDocs` documents
 * from at least `minGroups` distinct groups (e.g. trusts). `count` is the number of documents.
 * Same tokeniser and stop words as countWordPairs; a pair never spans two documents.
 */
export function countWordPairsByDocument(
  docs: { group: string; text: string }[],
  opts: { minDocs?: number; minGroups?: number; limit?: number } = {},
): WordPairCount[] {
  const limit = opts.limit ?? DEFAULT_WORD_PAIR_LIMIT;
  checkLimit(limit);
  const minDocs = opts.minDocs ?? 1;
  const minGroups = opts.minGroups ?? 1;
  const scanner = pairScanner();
  // Per pair: documents containing it, and its groups (kept only until minGroups is reached).
  const stats = new Map<number, { docs: number; groups: Set<string> }>();
  let seen = new Set<number>();
  for (const doc of docs) {
    seen = new Set<number>();
    scanner.scan(doc.text, (key) => {
      if (seen.has(key)) return;
      seen.add(key);
      let s = stats.get(key);
      if (s === undefined) {
        s = { docs: 0, groups: new Set() };
        stats.set(key, s);
      }
      s.docs++;
      if (s.groups.size < minGroups) s.groups.add(doc.group);
    });
  }
  const byPair = new Map<string, number>();
  for (const [key, s] of stats) {
    if (s.docs >= minDocs && s.groups.size >= minGroups) byPair.set(scanner.pairOf(key), s.docs);
  }
  return topCounts(byPair, Math.floor(limit));
}

/**
 * Each text's pairs with how often each occurs in it (repeats counted), sharing one vocabulary: what
 * decision_word_pairs keeps per decision. countWordPairs over the same texts equals these maps added
 * up; countWordPairsByDocument counts each map's keys once.
 */
export function pairCountsByText(texts: string[]): Map<string, number>[] {
  const scanner = pairScanner();
  return texts.map((text) => {
    const counts = new Map<number, number>();
    scanner.scan(text, (key) => counts.set(key, (counts.get(key) ?? 0) + 1));
    const byPair = new Map<string, number>();
    for (const [key, count] of counts) byPair.set(scanner.pairOf(key), count);
    return byPair;
  });
}

/** What a store of counted pairs answers for the top of a set, and for the pairs asked by name. */
export type StoredPairCounts = {
  /**
   * The top stored pairs by count, every pair tied with the last included (so ordering ties by name is
   * left to topCounts, in code-unit order). National: only pairs meeting minDocs and minGroups.
   */
  top: { pair: string; count: number }[];
  /** For each pair of the unstored texts: its stored count (and, by document, its groups). */
  named: Map<string, { count: number; groups?: Set<string> }>;
};

/**
 * The top pairs of a set split in two: pairs already counted in a store (`stored`, e.g. SQL over
 * decision_word_pairs) and texts not yet in it (`unstored`). Exact when `stored.top` holds the store's
 * top `limit` pairs and every pair tied with the last of them, and `stored.named` the stored counts of
 * every pair of the unstored texts: more texts only add to a pair's count (and groups), so each pair of
 * `stored.top` still outranks any pair the store left out. `byDocument`: as countWordPairsByDocument
 * (count = documents, shown only from minDocs documents in minGroups groups; `stored.top` then holds
 * only pairs that meet both on the stored documents alone).
 */
export function mergeStoredPairCounts(
  stored: StoredPairCounts,
  unstored: { group: string; pairs: Map<string, number> }[],
  opts: { limit?: number; byDocument?: { minDocs: number; minGroups: number } } = {},
): WordPairCount[] {
  const limit = opts.limit ?? DEFAULT_WORD_PAIR_LIMIT;
  checkLimit(limit);
  const extra = new Map<string, { count: number; groups: Set<string> }>();
  for (const doc of unstored) {
    for (const [pair, n] of doc.pairs) {
      let e = extra.get(pair);
      if (e === undefined) extra.set(pair, (e = { count: 0, groups: new Set() }));
      e.count += opts.byDocument ? 1 : n;
      e.groups.add(doc.group);
    }
  }
  const merged = new Map<string, number>();
  for (const { pair, count } of stored.top) if (!extra.has(pair)) merged.set(pair, count);
  for (const [pair, e] of extra) {
    const s = stored.named.get(pair);
    const count = (s?.count ?? 0) + e.count;
    if (opts.byDocument) {
      const groups = new Set([...(s?.groups ?? []), ...e.groups]);
      if (count < opts.byDocument.minDocs || groups.size < opts.byDocument.minGroups) continue;
    }
    merged.set(pair, count);
  }
  return topCounts(merged, Math.floor(limit));
}
