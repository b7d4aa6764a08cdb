import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { hashPassword } from "@/lib/auth/password";
import { PERSONAS } from "@/lib/personas";
import type { Executor } from "./index";
import { knowledgePacks, memberships, organizations, personas, users } from "./schema";

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

export type DemoLogin = { email: string; password: string; created: boolean };

/**
 * Creates the demo organization `acme` (free plan), its owner and two knowledge packs when missing.
 * Returns the login when the owner was created now (the password is only known at creation).
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

  const packs = [
    {
      name: "Returns policy",
      description: "How returns, exchanges and refunds work.",
      content:
        "Items can be returned within 30 days of delivery in their original condition. Refunds go to the original payment method within 5 business days of receiving the item. Sale items can be exchanged but not refunded. Return shipping is free for orders over $50.",
    },
    {
      name: "Product catalog",
      description: "Acme's main product lines and prices.",
      content:
        "Acme Rocket Skates ($129): speeds up to 40 km/h, 2-year warranty.\nAcme Giant Magnet ($49): lifts up to 200 kg.\nAcme Portable Hole ($19): single use, fits any flat surface.",
    },
  ];
  for (const pack of packs) {
    const found = await db
      .select({ id: knowledgePacks.id })
      .from(knowledgePacks)
      .where(
        and(
          eq(knowledgePacks.organizationId, org.id),
          sql`lower(${knowledgePacks.name}) = lower(${pack.name})`,
        ),
      );
    if (found.length === 0) await db.insert(knowledgePacks).values({ organizationId: org.id, ...pack });
  }
  return { email: DEMO_OWNER_EMAIL, password, created };
}
