import { db, type Executor } from "@/db";
import { insertOrganizationIfSlugFree, upsertMembership } from "@/db/queries/organizations";
import type { Actor } from "@/lib/actor";
import { AppError } from "@/lib/errors";
import type { PlanKey } from "@/lib/plans";
import { writeAudit } from "@/lib/unit-of-work";
import { isReservedSlug, SLUG_PATTERN, slugCandidates, slugify } from "./slug";

export type CreatedOrganization = NonNullable<Awaited<ReturnType<typeof insertOrganizationIfSlugFree>>>;

/**
 * Inserts an organization inside the caller's transaction. An explicit slug must be free
 * (`conflict` otherwise); without one, a unique slug is derived from the name.
 */
export async function insertOrganization(
  tx: Executor,
  input: { name: string; slug?: string; plan?: PlanKey; maxAgents?: number | null; actor: Actor },
): Promise<CreatedOrganization> {
  const values = { name: input.name, plan: input.plan ?? "free", maxAgents: input.maxAgents ?? null };
  let org: CreatedOrganization | undefined;
  if (input.slug) {
    if (!SLUG_PATTERN.test(input.slug) || isReservedSlug(input.slug)) {
      throw AppError.validation([
        { path: "slug", message: "Use 1–48 lowercase letters, digits and dashes." },
      ]);
    }
    org = await insertOrganizationIfSlugFree(tx, { ...values, slug: input.slug });
    if (!org) throw new AppError("conflict", `The slug "${input.slug}" is already taken.`);
  } else {
    for (const slug of slugCandidates(slugify(input.name))) {
      org = await insertOrganizationIfSlugFree(tx, { ...values, slug });
      if (org) break;
    }
    if (!org) throw new AppError("conflict", "Could not find a free slug for this organization name.");
  }
  await writeAudit(tx, { organizationId: org.id, actor: input.actor }, "organization.created", org.publicId, {
    slug: org.slug,
    plan: org.plan,
  });
  return org;
}

/** The operator's `org:create`: its own transaction. */
export async function createOrganization(input: {
  name: string;
  slug?: string;
  plan?: PlanKey;
  maxAgents?: number | null;
  actor: Actor;
}): Promise<CreatedOrganization> {
  return db.transaction((tx) => insertOrganization(tx, input));
}

/** A signed-in user without an organization (e.g. new via GitHub) creates one and owns it. */
export async function createOrganizationForUser(input: {
  name: string;
  user: { id: number; publicId: string; email: string };
}): Promise<CreatedOrganization> {
  return db.transaction(async (tx) => {
    const org = await insertOrganization(tx, {
      name: input.name,
      actor: { type: "user", userId: input.user.id, publicId: input.user.publicId, label: input.user.email },
    });
    await upsertMembership(tx, { organizationId: org.id, userId: input.user.id, role: "owner" });
    return org;
  });
}
