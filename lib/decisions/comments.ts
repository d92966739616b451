import "server-only";
// Comments on a decision: anyone who may read it may add one; comments are never edited or removed.
// A comment may be a question; an answer names the question it answers.
import { and, asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { comments, users } from "@/db/schema";
import { can, type Actor } from "../access";
import { recordAudit } from "../audit";
import { AppError } from "../errors";
import { notifyComment } from "../notifications/events";
import { parseInput } from "../validation";
import { loadReadableDecision, readableDecision, sharedHistory } from "./access";
import { AddCommentSchema } from "./schemas";
import { trustRef } from "./store";

export type CommentDto = {
  id: string;
  body: string;
  isQuestion: boolean;
  answersId: string | null;
  createdAt: Date;
  author: { id: string; name: string };
};

/** Adds a comment (or a question, or an answer to a question) to a decision the actor may read. */
export async function addComment(actor: Actor, raw: unknown): Promise<CommentDto> {
  const input = parseInput(AddCommentSchema, raw);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { decision: d, trust } = await loadReadableDecision(tx, actor, input.decisionId);
    if (!can(actor, "decision.comment", trustRef(trust))) {
      throw new AppError("forbidden", "You cannot comment on this decision");
    }
    if (input.answersId) {
      const [q] = await tx
        .select({ id: comments.id, isQuestion: comments.isQuestion })
        .from(comments)
        .where(and(eq(comments.id, input.answersId), eq(comments.decisionId, d.id)));
      if (!q || !q.isQuestion) {
        throw new AppError("invalid", "Some answers need correcting", { fieldErrors: { answersId: "Choose a question on this decision to answer" } });
      }
    }
    const [c] = await tx
      .insert(comments)
      .values({ decisionId: d.id, authorId: actor.userId, body: input.body, isQuestion: input.answersId ? false : input.isQuestion, answersId: input.answersId ?? null })
      .returning();
    await recordAudit(tx, actor, {
      organisationId: trust.id,
      action: c.answersId ? "comment.answer" : c.isQuestion ? "comment.question" : "comment.add",
      entityType: "decision",
      entityId: d.id,
      after: { commentId: c.id, isQuestion: c.isQuestion, answersId: c.answersId, body: c.body },
    });
    await notifyComment(tx, c);
    return { id: c.id, body: c.body, isQuestion: c.isQuestion, answersId: c.answersId, createdAt: c.createdAt, author: { id: actor.userId, name: actor.name } };
  });
}

/** A decision's comments, oldest first. */
export async function listComments(actor: Actor, decisionId: string): Promise<CommentDto[]> {
  const db = await getDb();
  const { decision: d } = await readableDecision(actor, decisionId);
  const rows = await db
    .select({
      id: comments.id,
      body: comments.body,
      isQuestion: comments.isQuestion,
      answersId: comments.answersId,
      createdAt: comments.createdAt,
      authorId: users.id,
      authorName: users.name,
    })
    .from(comments)
    .innerJoin(users, eq(users.id, comments.authorId))
    .where(eq(comments.decisionId, d.id))
    .orderBy(asc(comments.createdAt), asc(comments.id));
  const history = await sharedHistory(actor, d);
  return rows.filter((r) => history.comment(r.id)).map(({ authorId, authorName, ...r }) => ({ ...r, author: { id: authorId, name: authorName } }));
}
