// The HTML of a message: a small NHS-styled, accessible template rendered to static markup with React
// (never string-built). Inline styles only: mail clients drop style sheets.
import type { MessageContent } from "./content";

const font = "Arial, Helvetica, sans-serif";

function Email({ c }: { c: MessageContent }) {
  return (
    <html lang="en-GB">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{c.subject}</title>
      </head>
      <body style={{ margin: 0, padding: 0, backgroundColor: "#F0F4F5", color: "#212B32", fontFamily: font }}>
        <table role="presentation" width="100%" cellPadding={0} cellSpacing={0} style={{ backgroundColor: "#F0F4F5" }}>
          <tbody>
            <tr>
              <td style={{ backgroundColor: "#005EB8", padding: "16px 24px", color: "#FFFFFF", fontSize: "20px", fontWeight: 700 }}>NHS Fulcrum</td>
            </tr>
            <tr>
              <td style={{ padding: "24px", maxWidth: "600px" }}>
                <main>
                  <h1 style={{ fontSize: "28px", lineHeight: 1.25, margin: "0 0 16px", color: "#212B32" }}>{c.heading}</h1>
                  {c.paragraphs.map((p, i) => (
                    <p key={i} style={{ fontSize: "19px", lineHeight: 1.5, margin: "0 0 16px" }}>
                      {p}
                    </p>
                  ))}
                  {c.action ? (
                    <p style={{ margin: "24px 0" }}>
                      <a
                        href={c.action.url}
                        style={{ display: "inline-block", backgroundColor: "#007F3B", color: "#FFFFFF", fontSize: "19px", fontWeight: 700, padding: "12px 16px", textDecoration: "none", borderBottom: "4px solid #00401E" }}
                      >
                        {c.action.label}
                      </a>
                    </p>
                  ) : null}
                  {c.action ? (
                    <p style={{ fontSize: "16px", color: "#4C6272", wordBreak: "break-all" }}>
                      Or copy this address into your browser: {c.action.url}
                    </p>
                  ) : null}
                </main>
                <footer style={{ borderTop: "1px solid #D8DDE0", marginTop: "32px", paddingTop: "16px", fontSize: "16px", color: "#4C6272" }}>
                  <p style={{ margin: "0 0 8px" }}>Fulcrum, the decision log for NHS trust boards.</p>
                  {c.unsubscribeUrl ? (
                    <p style={{ margin: 0 }}>
                      You get this because of your e-mail settings ({c.kindLabel.toLowerCase()}).{" "}
                      <a href={c.unsubscribeUrl} style={{ color: "#005EB8" }}>
                        Stop these e-mails
                      </a>
                    </p>
                  ) : null}
                </footer>
              </td>
            </tr>
          </tbody>
        </table>
      </body>
    </html>
  );
}

/**
 * Loaded at run time, outside the bundle: Next refuses react-dom/server in the graphs it builds for
 * instrumentation and server components, and the sender loop runs in the former.
 */
async function loadRenderer(): Promise<typeof import("react-dom/server")> {
  return import(/* webpackIgnore: true */ /* turbopackIgnore: true */ "react-dom/server" as string);
}

export async function renderHtml(c: MessageContent): Promise<string> {
  const { renderToStaticMarkup } = await loadRenderer();
  return `<!doctype html>${renderToStaticMarkup(<Email c={c} />)}`;
}
