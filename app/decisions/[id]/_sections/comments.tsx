import type { Actor } from "@/lib/access";
import { listComments } from "@/lib/decisions";
import { formatDateTime } from "@/lib/format";
import { Tag } from "@/app/_components/ui";
import { CommentForm } from "./comment-form";
import type { SectionProps } from "./types";

/** Comments, questions and their answers. Comments are never edited: only added. */
export async function DecisionComments({ d, actor }: SectionProps & { actor: Actor }) {
  const all = await listComments(actor, d.id);
  const answers = new Map<string, typeof all>();
  for (const c of all) if (c.answersId) answers.set(c.answersId, [...(answers.get(c.answersId) ?? []), c]);
  const top = all.filter((c) => !c.answersId);
  return (
    <section aria-labelledby="comments-heading" className="mb-10">
      <h2 id="comments-heading" className="mb-4 text-2xl">
        Comments and questions
      </h2>
      {top.length === 0 ? <p>No comments yet.</p> : null}
      <ol className="space-y-4">
        {top.map((c) => {
          const replies = answers.get(c.id) ?? [];
          return (
            <li key={c.id} className="nhs-panel">
              <p className="mb-2 text-base text-nhs-secondary">
                <span className="font-semibold text-nhs-black">{c.author.name}</span>, {formatDateTime(c.createdAt)}{" "}
                {c.isQuestion ? <Tag colour={replies.length ? "green" : "yellow"}>{replies.length ? "Question, answered" : "Question, not answered yet"}</Tag> : null}
              </p>
              <div className="prose-text">{c.body}</div>
              {replies.length ? (
                <ol className="mt-4 space-y-3 border-l-4 border-nhs-border pl-4">
                  {replies.map((r) => (
                    <li key={r.id}>
                      <p className="text-base text-nhs-secondary">
                        Answer from <span className="font-semibold text-nhs-black">{r.author.name}</span>, {formatDateTime(r.createdAt)}
                      </p>
                      <div className="prose-text">{r.body}</div>
                    </li>
                  ))}
                </ol>
              ) : null}
              {c.isQuestion && d.permissions.canComment ? (
                <details className="mt-3">
                  <summary className="cursor-pointer text-nhs-blue underline">Answer this question</summary>
                  <CommentForm decisionId={d.id} answersId={c.id} label="Your answer" />
                </details>
              ) : null}
            </li>
          );
        })}
      </ol>
      {d.permissions.canComment ? <CommentForm decisionId={d.id} /> : null}
    </section>
  );
}
