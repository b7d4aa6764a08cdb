import "server-only";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { db } from "@/db";
import { findMembershipBySlug, findUserByPublicId, type MembershipRole } from "@/db/queries/memberships";
import { AppError } from "@/lib/errors";
import type { PlanKey } from "@/lib/plans";
import { auth } from "./index";

export type Role = MembershipRole;
export type CurrentUser = {
  id: number;
  publicId: string;
  email: string;
  name: string | null;
  sessionVersion: number;
  hasPassword: boolean;
};
export type OrgContext = {
  user: CurrentUser;
  org: {
    id: number;
    publicId: string;
    slug: string;
    name: string;
    plan: PlanKey;
    maxAgents: number | null;
    agentCount: number;
  };
  role: Role;
};

export const ADMIN_ROLES: Role[] = ["owner", "admin"];

/**
 * The signed-in user from the session JWT (public id), re-read from the database. Cached per
 * request. The JWT's session version must equal the row's: sign-out, sign out everywhere, a
 * password change or a removal bump it, and every JWT issued before is refused from then on.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => userForSession(await auth()));

/** The user a decoded session belongs to, or null when it names none or an ended version. */
export async function userForSession(
  session: { user?: { id?: string }; sessionVersion?: unknown } | null,
): Promise<CurrentUser | null> {
  const publicId = session?.user?.id;
  if (!publicId || !/^[0-9a-f-]{36}$/i.test(publicId)) return null;
  const user = await findUserByPublicId(db, publicId);
  return user && user.sessionVersion === session?.sessionVersion ? user : null;
}

export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  return user;
}

/** The membership or null: for callers (server actions) that answer with state instead of a 404 page. */
export const resolveOrgContext = cache(
  async (user: CurrentUser, orgSlug: string): Promise<OrgContext | null> => {
    if (!/^[a-z0-9-]{1,64}$/.test(orgSlug)) return null;
    const m = await findMembershipBySlug(db, user.id, orgSlug);
    return m ? { user, org: m.org, role: m.role } : null;
  },
);

export function hasRole(ctx: OrgContext, roles: Role[] | undefined): boolean {
  return !roles || roles.includes(ctx.role);
}

/**
 * Every page loader calls this. Not signed in → /sign-in; not a member → 404 (the org's existence
 * is never revealed); member without one of `roles` → AppError("forbidden").
 */
export async function requireOrgMembership(
  orgSlug: string,
  opts: { roles?: Role[] } = {},
): Promise<OrgContext> {
  const user = await requireUser();
  const ctx = await resolveOrgContext(user, orgSlug);
  if (!ctx) notFound();
  if (!hasRole(ctx, opts.roles)) {
    throw new AppError("forbidden", `This needs the ${opts.roles?.join(" or ")} role in ${ctx.org.name}.`);
  }
  return ctx;
}
