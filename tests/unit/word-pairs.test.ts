import { describe, expect, it } from "vitest";
import { countWordPairs, countWordPairsByDocument, mergeStoredPairCounts, pairCountsByText, STOP_WORDS, tokenise } from "@/lib/dashboards/word-pairs";

describe("tokenise", () => {
  it("lower-cases and splits on punctuation and spaces", () => {
    expect(tokenise("Mental Health, SOCIAL care!")).toEqual(["mental", "health", "social", "care"]);
  });

  it("splits hyphenated words so 'short-term' and 'short term' match", () => {
    expect(tokenise("short-term plan")).toEqual(["short", "term", "plan"]);
  });

  it("strips possessive 's but keeps contractions whole", () => {
    expect(tokenise("The trust's board")).toEqual(["the", "trust", "board"]);
    expect(tokenise("The trust’s board")).toEqual(["the", "trust", "board"]);
    expect(tokenise("trusts' boards")).toEqual(["trusts", "boards"]);
    expect(tokenise("We don't agree")).toEqual(["we", "don't", "agree"]);
  });

  it("keeps '&' inside a word so A&E survives", () => {
    expect(tokenise("A&E performance, health & care")).toEqual(["a&e", "performance", "health", "care"]);
  });

  it("drops pure numbers and one-character tokens but keeps mixed tokens", () => {
    expect(tokenise("In 2024 a 3.5% cut to 1st-year x budgets")).toEqual([
      "in", "cut", "to", "1st", "year", "budgets",
    ]);
  });

  it("handles non-ASCII letters", () => {
    expect(tokenise("Café résumé naïve")).toEqual(["café", "résumé", "naïve"]);
  });

  it("returns nothing for empty or punctuation-only text", () => {
    expect(tokenise("")).toEqual([]);
    expect(tokenise(" ... -- !! ")).toEqual([]);
  });
});

describe("STOP_WORDS", () => {
  it("contains common English function words and not domain words", () => {
    for (const w of ["the", "and", "of", "to", "we", "our", "would", "between", "don't"]) {
      expect(STOP_WORDS.has(w)).toBe(true);
    }
    for (const w of ["mental", "health", "social", "care", "trust", "system"]) {
      expect(STOP_WORDS.has(w)).toBe(false);
    }
  });

  it("is entirely lower-case, as tokens are", () => {
    for (const w of STOP_WORDS) expect(w).toBe(w.toLowerCase());
  });
});

describe("countWordPairs", () => {
  it("counts adjacent pairs, dropping those with a stop word", () => {
    expect(countWordPairs(["Mental health services. Social care and mental health"])).toEqual([
      { pair: "mental health", count: 2 },
      { pair: "health services", count: 1 },
      { pair: "social care", count: 1 },
    ]);
  });

  it("does not join the words either side of a stop word", () => {
    // "care and mental" -> "care and", "and mental" both dropped; no "care mental".
    const pairs = countWordPairs(["social care and mental health"]).map((p) => p.pair);
    expect(pairs).toEqual(["mental health", "social care"]);
  });

  it("does not join the words either side of a dropped number", () => {
    expect(countWordPairs(["cut 20 beds"])).toEqual([]);
  });

  it("never spans a sentence or clause boundary", () => {
    for (const sep of [". ", "! ", "? ", "; ", ": ", "\n", "\r\n"]) {
      expect(countWordPairs([`mental${sep}health`])).toEqual([]);
    }
  });

  it("spans commas, as tidytext does", () => {
    expect(countWordPairs(["workforce, finance"])).toEqual([{ pair: "workforce finance", count: 1 }]);
  });

  it("never spans two texts", () => {
    expect(countWordPairs(["mental", "health"])).toEqual([]);
    expect(countWordPairs(["urgent care", "urgent care"])).toEqual([{ pair: "urgent care", count: 2 }]);
  });

  it("counts a repeated pair within one text each time", () => {
    expect(countWordPairs(["bed capacity bed capacity"])).toEqual([
      { pair: "bed capacity", count: 2 },
      { pair: "capacity bed", count: 1 },
    ]);
  });

  it("sorts by count descending, then pair alphabetically", () => {
    const result = countWordPairs([
      "zebra crossing. alpha beta. mango tree",
      "mango tree",
    ]);
    expect(result).toEqual([
      { pair: "mango tree", count: 2 },
      { pair: "alpha beta", count: 1 },
      { pair: "zebra crossing", count: 1 },
    ]);
  });

  it("defaults to 20 results and respects a limit, keeping the top after tie-breaks", () => {
    // 30 distinct pairs once each, plus "zz top" three times.
    const texts = Array.from({ length: 30 }, (_, i) => `word${String(i).padStart(2, "0")} thing`);
    texts.push("zz top. zz top. zz top");
    const all = countWordPairs(texts, { limit: Infinity });
    expect(all).toHaveLength(31);
    expect(all[0]).toEqual({ pair: "zz top", count: 3 });

    const top20 = countWordPairs(texts);
    expect(top20).toHaveLength(20);
    expect(top20).toEqual(all.slice(0, 20));

    const top3 = countWordPairs(texts, { limit: 3 });
    expect(top3).toEqual([
      { pair: "zz top", count: 3 },
      { pair: "word00 thing", count: 1 },
      { pair: "word01 thing", count: 1 },
    ]);
    expect(countWordPairs(texts, { limit: 0 })).toEqual([]);
  });

  it("rejects a negative or NaN limit", () => {
    expect(() => countWordPairs(["a b"], { limit: -1 })).toThrow(RangeError);
    expect(() => countWordPairs(["a b"], { limit: Number.NaN })).toThrow(RangeError);
  });

  it("returns [] for empty input", () => {
    expect(countWordPairs([])).toEqual([]);
    expect(countWordPairs(["", "   ", "the and of"])).toEqual([]);
  });

  it("normalises possessives before pairing", () => {
    expect(countWordPairs(["The trust's finances. Trust finances"])).toEqual([
      { pair: "trust finances", count: 2 },
    ]);
  });

  it("handles 100,000 texts of ~100 words quickly", () => {
    const vocabulary = [
      "mental", "health", "social", "care", "the", "and", "of", "system", "trust",
      "finance", "workforce", "urgent", "emergency", "beds", "capacity", "to", "our",
      "waiting", "list", "elective", "recovery", "primary", "community", "services",
    ];
    let seed = 42;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      // The low bits of this generator cycle quickly; use the high ones.
      return seed >>> 8;
    };
    const texts: string[] = [];
    for (let t = 0; t < 100_000; t++) {
      const words: string[] = [];
      for (let w = 0; w < 100; w++) {
        words.push(vocabulary[next() % vocabulary.length]);
        if (w % 15 === 14) words.push(".");
      }
      texts.push(words.join(" "));
    }
    // Scale, not speed: speed is measured by `npm run bench`, never asserted in a test.
    const result = countWordPairs(texts);
    expect(result).toHaveLength(20);
    expect(result[0].count).toBeGreaterThanOrEqual(result[19].count);
  }, 30_000);
});

describe("countWordPairsByDocument", () => {
  it("counts a pair at most once per document, however often it repeats", () => {
    // Doc a: "bed capacity" ×3, "capacity bed" ×2 → 1 each. Doc b: "bed capacity" once.
    const docs = [
      { group: "T1", text: "bed capacity bed capacity bed capacity" },
      { group: "T2", text: "bed capacity" },
    ];
    expect(countWordPairsByDocument(docs)).toEqual([
      { pair: "bed capacity", count: 2 },
      { pair: "capacity bed", count: 1 },
    ]);
  });

  it("drops a pair seen in fewer than minDocs documents, even when repeated within one", () => {
    const docs = [
      { group: "T1", text: "secret merger secret merger. Secret merger." },
      { group: "T2", text: "mental health" },
      { group: "T3", text: "mental health" },
      { group: "T4", text: "mental health" },
    ];
    // "secret merger": 3 occurrences but 1 document → dropped; "merger secret": 1 document → dropped.
    expect(countWordPairsByDocument(docs, { minDocs: 3, minGroups: 3 })).toEqual([{ pair: "mental health", count: 3 }]);
  });

  it("drops a pair seen in enough documents from too few groups", () => {
    const docs = [
      { group: "T1", text: "urgent care" },
      { group: "T1", text: "urgent care" },
      { group: "T2", text: "urgent care" },
      { group: "T1", text: "social care" },
      { group: "T2", text: "social care" },
      { group: "T3", text: "social care" },
    ];
    // "urgent care": 3 documents, 2 groups → dropped at minGroups 3; "social care": 3 documents, 3 groups.
    expect(countWordPairsByDocument(docs, { minDocs: 3, minGroups: 3 })).toEqual([{ pair: "social care", count: 3 }]);
    expect(countWordPairsByDocument(docs, { minDocs: 3, minGroups: 2 })).toEqual([
      { pair: "social care", count: 3 },
      { pair: "urgent care", count: 3 },
    ]);
  });

  it("never spans two documents and applies the limit after the thresholds", () => {
    const docs = [
      { group: "A", text: "mental" },
      { group: "B", text: "health" },
      { group: "A", text: "acute beds. Urgent care" },
      { group: "B", text: "acute beds" },
      { group: "C", text: "urgent care and acute beds" },
    ];
    // acute beds: 3 docs (A, B, C); urgent care: 2 docs (A, C); no "mental health".
    expect(countWordPairsByDocument(docs)).toEqual([
      { pair: "acute beds", count: 3 },
      { pair: "urgent care", count: 2 },
    ]);
    expect(countWordPairsByDocument(docs, { limit: 1 })).toEqual([{ pair: "acute beds", count: 3 }]);
    expect(countWordPairsByDocument(docs, { minDocs: 2, minGroups: 2 })).toEqual([
      { pair: "acute beds", count: 3 },
      { pair: "urgent care", count: 2 },
    ]);
    expect(countWordPairsByDocument([{ group: "A", text: "mental" }, { group: "B", text: "health" }])).toEqual([]);
  });

  it("refuses a negative limit", () => {
    expect(() => countWordPairsByDocument([], { limit: -1 })).toThrow(RangeError);
  });
});

describe("mergeStoredPairCounts (kept pairs plus texts not yet kept)", () => {
  // A small vocabulary so pairs repeat and counts tie often (ties at the cut are the hard case).
  const WORDS = ["acute", "beds", "care", "mental", "health", "social", "rota", "stroke", "Ærø", "𝒜lpha", "and", "the"];
  function prng(seed: number) {
    let s = seed >>> 0;
    return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
  }
  // Skewed towards the first words, so counts spread out (a few frequent pairs, a long tail).
  const text = (rand: () => number) =>
    Array.from({ length: 1 + Math.floor(rand() * 12) }, () => WORDS[Math.floor(rand() ** 2 * WORDS.length)] + (rand() < 0.15 ? "." : "")).join(" ");

  /** What SQL answers over decision_word_pairs for the stored documents (see word-pairs-store.ts). */
  function storedSide(stored: { group: string; text: string }[], names: string[], k: number, by?: { minDocs: number; minGroups: number }) {
    const maps = pairCountsByText(stored.map((d) => d.text));
    const totals = new Map<string, { count: number; groups: Set<string> }>();
    maps.forEach((m, i) => {
      for (const [pair, n] of m) {
        const e = totals.get(pair) ?? { count: 0, groups: new Set<string>() };
        e.count += by ? 1 : n;
        e.groups.add(stored[i].group);
        totals.set(pair, e);
      }
    });
    const eligible = [...totals].filter(([, e]) => !by || (e.count >= by.minDocs && e.groups.size >= by.minGroups));
    // ORDER BY count DESC FETCH FIRST k ROWS WITH TIES, the ties in an arbitrary (here reversed) order.
    eligible.sort(([a, x], [b, y]) => y.count - x.count || (a < b ? 1 : -1));
    const cut = eligible.length > k ? eligible[k - 1][1].count : -1;
    const top = eligible.filter(([, e], i) => i < k || e.count === cut).map(([pair, e]) => ({ pair, count: e.count }));
    const named = new Map(names.filter((p) => totals.has(p)).map((p) => [p, totals.get(p)!]));
    return { top, named };
  }

  it("equals counting every text at once, for any split between kept and not yet kept", () => {
    for (let seed = 1; seed <= 1000; seed++) {
      const rand = prng(seed);
      const docs = Array.from({ length: 1 + Math.floor(rand() * 30) }, () => ({ group: `t${Math.floor(rand() * 5)}`, text: text(rand) }));
      const queued = docs.filter(() => rand() < 0.3);
      const stored = docs.filter((d) => !queued.includes(d));
      const limit = 1 + Math.floor(rand() * 4);
      const by = seed % 2 ? { minDocs: 1 + Math.floor(rand() * 3), minGroups: 1 + Math.floor(rand() * 3) } : undefined;
      const queuedMaps = pairCountsByText(queued.map((d) => d.text));
      const names = [...new Set(queuedMaps.flatMap((m) => [...m.keys()]))];
      const merged = mergeStoredPairCounts(
        storedSide(stored, names, limit, by),
        queued.map((d, i) => ({ group: d.group, pairs: queuedMaps[i] })),
        { limit, byDocument: by },
      );
      const expected = by
        ? countWordPairsByDocument(docs, { ...by, limit })
        : countWordPairs(docs.map((d) => d.text), { limit });
      expect(merged, `seed ${seed}`).toEqual(expected);
    }
  });

  it("keeps each text's pairs with their repeats, a pair never spanning two texts", () => {
    const [a, b] = pairCountsByText(["Stroke rota. Stroke rota; stroke rota", "rota stroke"]);
    expect([...a]).toEqual([["stroke rota", 3]]);
    expect([...b]).toEqual([["rota stroke", 1]]);
  });
});
