// Inside-a-field differences, for the version diff and the inbox (issue 10 item 10). Pure.
import { diffContent, type ComparableContent } from "./diff";

export type DiffPart = { text: string; kind: "same" | "added" | "removed" };

/** Words and the spaces between them (numbers like "2,500" stay one word). */
function tokens(s: string): string[] {
  return s.match(/\s+|[^\s]+/g) ?? [];
}

/** Past this many token pairs the field is shown whole (removed, then added) rather than word by word. */
const MAX_CELLS = 4_000_000;

/**
 * The words of `before` and `after` marked same, removed or added (longest common subsequence over
 * words and spaces). A target changed from 2,500 to 2,800 inside five lines marks just that word.
 */
export function wordDiff(before: string, after: string): DiffPart[] {
  const a = tokens(before);
  const b = tokens(after);
  // Common head and tail first: most edits touch a few words of a long text.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const parts: DiffPart[] = [];
  const push = (text: string, kind: DiffPart["kind"]) => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last && last.kind === kind) last.text += text;
    else parts.push({ text, kind });
  };
  push(a.slice(0, start).join(""), "same");
  if (midA.length * midB.length > MAX_CELLS) {
    push(midA.join(""), "removed");
    push(midB.join(""), "added");
  } else {
    const n = midA.length;
    const m = midB.length;
    // lcs[i][j]: length of the LCS of midA[i..] and midB[j..], in one flat array.
    const lcs = new Uint32Array((n + 1) * (m + 1));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * (m + 1) + j] = midA[i] === midB[j] ? lcs[(i + 1) * (m + 1) + j + 1] + 1 : Math.max(lcs[(i + 1) * (m + 1) + j], lcs[i * (m + 1) + j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (midA[i] === midB[j]) {
        push(midA[i], "same");
        i++;
        j++;
      } else if (lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1]) {
        push(midA[i++], "removed");
      } else {
        push(midB[j++], "added");
      }
    }
    while (i < n) push(midA[i++], "removed");
    while (j < m) push(midB[j++], "added");
  }
  push(a.slice(endA).join(""), "same");
  return parts;
}

const CRITERION_PARTS: [RegExp, string][] = [
  [/^Measure: /, "measure"],
  [/^Baseline: /, "baseline"],
  [/^Target: /, "target"],
  [/^Judged by: /, "judged-by date"],
];

/**
 * What an amendment changed, in words for the inbox: "target of criterion 2, summary". A criterion's
 * changed parts are named; a new or removed criterion is said so.
 */
export function describeChanges(before: ComparableContent, after: ComparableContent): string {
  const out: string[] = [];
  for (const c of diffContent(before, after)) {
    if (!c.key.startsWith("criterion:")) {
      out.push(c.label.charAt(0).toLowerCase() + c.label.slice(1));
      continue;
    }
    const n = c.label.replace(/^Success criterion /, "");
    if (c.before === null) {
      out.push(`new criterion ${n}`);
      continue;
    }
    if (c.after === null) {
      out.push(`criterion ${n} removed`);
      continue;
    }
    const x = c.before.split("\n");
    const y = c.after.split("\n");
    if (x[0] !== y[0]) out.push(`statement of criterion ${n}`);
    for (const [re, name] of CRITERION_PARTS) {
      const xv = x.find((l) => re.test(l));
      const yv = y.find((l) => re.test(l));
      if (xv !== yv) out.push(`${name} of criterion ${n}`);
    }
  }
  return out.join(", ");
}
