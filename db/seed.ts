import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { hashPassword } from "@/lib/auth/password";
import { PERSONAS } from "@/lib/personas";
import type { Executor } from "./index";
import { memberships, organizations, personas, users } from "./schema";

/** Upserts built-in personas from lib/personas.ts (the single source of truth). Idempotent. */
export async function syncPersonas(db: Executor): Promise<void> {
  await db
    .insert(personas)
    .values(
      PERSONAS.map((p) => ({
        key: p.key,
        name: p.name,
        description: p.description,
        tone: p.tone,
        defaultSystemPrompt: p.defaultSystemPrompt,
      })),
    )
    .onConflictDoUpdate({
      target: personas.key,
      set: {
        name: sql`excluded.name`,
        description: sql`excluded.description`,
        tone: sql`excluded.tone`,
        defaultSystemPrompt: sql`excluded.default_system_prompt`,
        updatedAt: sql`now()`,
      },
    });
}

export const DEMO_ORG_SLUG = "acme";
export const DEMO_OWNER_EMAIL = "owner@acme.test";

export type DemoLogin = { email: string; password: string; created: boolean; organizationId?: number };

/**
 * Creates the demo organization `acme` (free plan) and its owner when missing. Returns the login
 * when the owner was created now (the password is only known at creation); the caller then adds
 * the demo content through the use cases (lib/demo/seed-content.ts).
 */
export async function seedDemo(
  db: Executor,
  password = randomBytes(9).toString("base64url"),
): Promise<DemoLogin> {
  const [org] = await db
    .insert(organizations)
    .values({ slug: DEMO_ORG_SLUG, name: "Acme Inc.", plan: "free" })
    .onConflictDoUpdate({ target: organizations.slug, set: { slug: sql`excluded.slug` } })
    .returning({ id: organizations.id });
  if (!org) throw new Error("seed: could not create the demo organization");

  const existing = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = ${DEMO_OWNER_EMAIL}`);
  let created = false;
  let userId = existing[0]?.id;
  if (!userId) {
    const [u] = await db
      .insert(users)
      .values({ email: DEMO_OWNER_EMAIL, name: "Ada Owner", passwordHash: await hashPassword(password) })
      .returning({ id: users.id });
    userId = u!.id;
    created = true;
  }
  await db
    .insert(memberships)
    .values({ organizationId: org.id, userId, role: "owner" })
    .onConflictDoNothing();

  return { email: DEMO_OWNER_EMAIL, password, created, organizationId: org.id };
}
