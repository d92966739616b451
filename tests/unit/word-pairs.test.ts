import { describe, expect, it } from "vitest";
import { countWordPairs, countWordPairsByDocument, STOP_WORDS, tokenise } from "@/lib/dashboards/word-pairs";

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
