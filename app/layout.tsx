import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import "./globals.css";
import { getActor } from "@/lib/auth";
import { countInbox } from "@/lib/inbox";
import { Header } from "./_components/header";

export const metadata: Metadata = {
  title: { default: "Fulcrum", template: "%s – Fulcrum" },
  description: "Decision log for NHS trust Chief Executives and their boards",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const actor = await getActor();
  // Not awaited: the header streams the count in when it is ready, so it never delays the page's first
  // byte. A failing count must never take the whole page down with it.
  const inboxCount = actor ? countInbox(actor).catch(() => undefined) : undefined;
  return (
    <html lang="en-GB">
      <body className="flex min-h-screen flex-col">
        <a
          href="#main-content"
          className="sr-only focus:not-sr-only focus:block focus:bg-nhs-yellow focus:p-2 focus:text-nhs-black"
        >
          Skip to main content
        </a>
        <Header actor={actor} inboxCount={inboxCount} />
        <main id="main-content" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
          {children}
        </main>
        <footer className="border-t-4 border-nhs-blue bg-nhs-pale-grey">
          <div className="mx-auto max-w-6xl px-4 py-6 text-base text-nhs-secondary">
            Fulcrum — a decision log for system leadership. Records are audited and tamper-evident.
          </div>
        </footer>
      </body>
    </html>
  );
}
