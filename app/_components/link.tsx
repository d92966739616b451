import NextLink from "next/link";
import type { ComponentProps } from "react";

/**
 * Every link in the app: next/link without prefetching unless a caller asks for it. Next prefetches
 * each link in view once the page has hydrated; a dashboard or register holds dozens (each decision,
 * each drill-down), and on a phone the requests and the work of reading their answers fall in the
 * seconds when the reader first taps (Lighthouse's Total Blocking Time). A link is fetched when
 * followed, as any link.
 */
export default function Link({ prefetch = false, ...props }: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={prefetch} {...props} />;
}
