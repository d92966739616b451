import { getWordPairsPanel, WORD_PAIRS_MIN_DECISIONS } from "@/lib/dashboards";
import { wordPairsChart } from "@/lib/dashboards/chart-specs";
import { Chart, Empty, Pair, Panel, TableWrap, TooFewTrusts, type PanelProps } from "../bits";

export async function WordPairsPanelView({ actor, view, filters }: PanelProps) {
  const w = await getWordPairsPanel(actor, view, filters);
  const scope =
    view.kind === "ics"
      ? "the summaries and rationales of the decisions shared with the system (confidential decisions' words stay with their trust)"
      : "the summaries and rationales of the decisions in view";
  return (
    <Panel
      id="word-pairs"
      title="Word pairs"
      intro={
        <>
          Like the study&apos;s Figure 1, where &ldquo;mental health&rdquo; and &ldquo;social care&rdquo; came top: the 20 word
          pairs that occur most often in {scope}. Words are lower-cased and common words such as &ldquo;the&rdquo; or
          &ldquo;and&rdquo; are left out.
          {view.kind === "national"
            ? " A pair counts once per decision, and is shown only when at least 3 decisions from at least 3 different trusts use it."
            : ""}
        </>
      }
    >
      {w.tooFewTrusts ? (
        <TooFewTrusts />
      ) : (
        <>
      {!w.shown ? (
        <Empty>
          Word pairs appear once at least {WORD_PAIRS_MIN_DECISIONS} decisions are in the set
          {typeof w.decisions === "number" ? ` (there ${w.decisions === 1 ? "is" : "are"} ${w.decisions} now)` : ""}. Fewer would say
          more about single decisions than about patterns.
        </Empty>
      ) : w.pairs.length === 0 ? (
        <Empty>No word pair occurs often enough to show.</Empty>
      ) : (
        <Pair>
          <Chart
            chart={wordPairsChart(w.pairs)}
            caption={
              view.kind === "national"
                ? "Number of decisions using each pair of adjacent words (each decision counted once; only pairs used by at least 3 decisions of 3 different trusts)."
                : `Number of times each pair of adjacent words occurs across ${typeof w.decisions === "number" ? w.decisions.toLocaleString("en-GB") : ""} decisions.`
            }
          />
          <TableWrap label="Most frequent word pairs">
            <table className="nhs-table">
              <caption>Most frequent word pairs</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">Rank</th>
                  <th scope="col">Word pair</th>
                  <th scope="col" className="num">{view.kind === "national" ? "Decisions using it" : "Times used"}</th>
                </tr>
              </thead>
              <tbody>
                {w.pairs.map((p, i) => (
                  <tr key={p.pair}>
                    <td className="num">{i + 1}</td>
                    <th scope="row">{p.pair}</th>
                    <td className="num">{p.count.toLocaleString("en-GB")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </Pair>
      )}
        </>
      )}
    </Panel>
  );
}
