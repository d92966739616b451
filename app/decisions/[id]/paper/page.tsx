import type { Metadata } from "next";
import { BackLink } from "@/app/_components/ui";
import { requireActor } from "@/lib/auth";
import { buildBoardPaper } from "@/lib/board-paper/build";
import { orNotFound } from "@/lib/page-errors";
import { BoardPaper } from "./board-paper";

export const metadata: Metadata = { title: "Board paper" };

type Props = { params: Promise<{ id: string }> };

export default async function BoardPaperPage({ params }: Props) {
  const { id } = await params;
  const actor = await requireActor();
  const paper = await orNotFound(buildBoardPaper(actor, id));
  return (
    <div>
      <div className="print-hidden">
        <BackLink href={`/decisions/${id}`}>Back to the decision</BackLink>
        <div className="nhs-inset mb-8">
          <p className="mb-2">
            This page is ready to print: use your browser&apos;s Print command (Ctrl+P, or ⌘P on a Mac) to print it or save it as a PDF.
            Menus and links are left out of the printout.
          </p>
          <p>
            <a href={`/decisions/${id}/paper/pdf`} download>
              Download the board paper as a PDF
            </a>
          </p>
        </div>
      </div>
      <BoardPaper paper={paper} />
    </div>
  );
}
