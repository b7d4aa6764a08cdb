import { LogOut } from "lucide-react";
import type { Metadata } from "next";
import { BrandMark } from "@/components/brand-mark";
import { JobsHealthBanner } from "@/components/jobs-health-banner";
import { SessionKeepAlive } from "@/components/session-keep-alive";
import { getCurrentUser, requireOrgMembership, resolveOrgContext } from "@/lib/auth/org-context";
import { listOrganizationsOfUser } from "@/lib/organizations/members";
import { NavLinks } from "../_components/nav-links";
import { OrgSwitcher } from "../_components/org-switcher";
import { signOutAction } from "../actions";

// The title names the org only for its members: under any other slug the page is a 404, and its
// title must neither echo the URL as if it were an org nor hint that one exists. Both lookups are
// cached per request, so the layout's own membership check reuses them.
const NOT_FOUND_TITLE = "Page not found · YourAgent";

export async function generateMetadata({ params }: { params: Promise<{ org: string }> }): Promise<Metadata> {
  const { org } = await params;
  const user = await getCurrentUser();
  const ctx = user ? await resolveOrgContext(user, org) : null;
  // A template without %s: the page's own title ("Agents") must not show through either.
  if (!ctx) return { title: { default: NOT_FOUND_TITLE, template: NOT_FOUND_TITLE } };
  return { title: { default: ctx.org.name, template: `%s · ${ctx.org.name} · YourAgent` } };
}

export default async function OrgLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ org: string }>;
}) {
  const { org: slug } = await params;
  const ctx = await requireOrgMembership(slug);
  const orgs = await listOrganizationsOfUser(ctx.user.id);
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto max-w-6xl px-4 sm:px-6">
          <div className="flex h-14 items-center justify-between gap-3">
            <div className="flex min-w-0 items-center gap-2">
              <BrandMark href={`/${ctx.org.slug}/agents`} size="small" />
              <span aria-hidden className="text-slate-300">
                /
              </span>
              <OrgSwitcher current={ctx.org} orgs={orgs} />
            </div>
            <div className="flex min-w-0 items-center gap-3">
              <span className="hidden truncate text-sm text-slate-600 md:inline" title={ctx.user.email}>
                {ctx.user.email}
              </span>
              <form action={signOutAction}>
                <button
                  type="submit"
                  className="flex items-center gap-1.5 rounded-md px-2 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100"
                >
                  <LogOut aria-hidden className="size-4" />
                  Sign out
                </button>
              </form>
            </div>
          </div>
          <NavLinks org={ctx.org.slug} />
        </div>
      </header>
      <JobsHealthBanner />
      <SessionKeepAlive />
      <main className="mx-auto max-w-6xl px-4 py-8 sm:px-6">{children}</main>
    </div>
  );
}
