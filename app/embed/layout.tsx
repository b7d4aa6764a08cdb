import type { Metadata } from "next";

// The iframe's own minimal layout: no dashboard chrome, not indexed.
export const metadata: Metadata = { robots: { index: false, follow: false } };

export default function EmbedLayout({ children }: { children: React.ReactNode }) {
  return <div className="ya-embed-root">{children}</div>;
}
