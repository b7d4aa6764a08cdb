import Link from "next/link";

// The logo is drawn in two sizes: large above the sign-in card, small in the dashboard header
// (where the word hides on narrow screens to leave room for the organization switcher).
const SIZES = {
  large: {
    link: "mb-8 flex items-center gap-2",
    mark: "grid size-9 place-items-center rounded-lg bg-brand-600 text-lg font-bold text-white",
    word: "text-xl font-semibold text-slate-900",
  },
  small: {
    link: "flex shrink-0 items-center gap-2",
    mark: "grid size-7 place-items-center rounded-md bg-brand-600 text-sm font-bold text-white",
    word: "hidden font-semibold text-slate-900 sm:inline",
  },
} as const;

/** The "Y" mark and the product name, linking home. */
export function BrandMark({ href, size }: { href: string; size: keyof typeof SIZES }) {
  const c = SIZES[size];
  return (
    // Named on the link itself: on narrow screens the word is display:none and the mark is
    // aria-hidden, which left the link with no accessible name (axe link-name).
    <Link href={href} className={c.link} aria-label="YourAgent">
      <span aria-hidden className={c.mark}>
        Y
      </span>
      <span className={c.word}>YourAgent</span>
    </Link>
  );
}
