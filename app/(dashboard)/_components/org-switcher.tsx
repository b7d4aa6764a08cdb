import { Check, ChevronsUpDown } from "lucide-react";
import Link from "next/link";

/** A disclosure menu (no JS needed); shown as plain text when the user has one org. */
export function OrgSwitcher({
  current,
  orgs,
}: {
  current: { slug: string; name: string };
  orgs: { slug: string; name: string }[];
}) {
  if (orgs.length < 2) {
    return <span className="truncate text-sm font-semibold text-slate-900">{current.name}</span>;
  }
  return (
    <details className="group relative">
      <summary
        aria-label={`Organization: ${current.name}. Switch organization`}
        className="flex cursor-pointer list-none items-center gap-1 rounded-md px-2 py-1 text-sm font-semibold text-slate-900 hover:bg-slate-100"
      >
        <span className="max-w-40 truncate sm:max-w-64">{current.name}</span>
        <ChevronsUpDown aria-hidden className="size-4 text-slate-500" />
      </summary>
      <ul className="absolute left-0 z-20 mt-1 w-64 rounded-md bg-white py-1 shadow-lg ring-1 ring-slate-200">
        {orgs.map((o) => (
          <li key={o.slug}>
            <Link
              href={`/${o.slug}/agents`}
              className="flex items-center justify-between px-3 py-2 text-sm text-slate-700 hover:bg-slate-50"
            >
              <span className="truncate">{o.name}</span>
              {o.slug === current.slug ? (
                <Check aria-label="current" className="size-4 text-brand-600" />
              ) : null}
            </Link>
          </li>
        ))}
      </ul>
    </details>
  );
}
