import Link from "@/app/_components/link";

export default function NotFound() {
  return (
    <>
      <h1 className="mb-4 text-3xl font-bold">Page not found</h1>
      <p className="mb-4 max-w-prose">If you typed the web address, check it is correct.</p>
      <p className="mb-4 max-w-prose">If you pasted the web address, check you copied the entire address.</p>
      <p>
        <Link href="/">Go to your home page</Link>
      </p>
    </>
  );
}
