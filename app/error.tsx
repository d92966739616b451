"use client";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <>
      <h1 className="mb-4 text-3xl font-bold">Sorry, there is a problem with the service</h1>
      <p className="mb-4 max-w-prose">Nothing you were doing has been saved twice or half-saved. If the database is being restarted, this page works again in a minute: try again then.</p>
      <button type="button" className="nhs-button nhs-button-secondary" onClick={() => reset()}>
        Try again
      </button>
    </>
  );
}
