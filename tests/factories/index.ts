import { randomUUID } from "node:crypto";
import { db } from "@/db";
import { apiKeys, memberships, organizations, users } from "@/db/schema";
import { type ApiKeyScope, generateApiKey } from "@/lib/api-keys/format";
import { hashPassword } from "@/lib/auth/password";
import type { PlanKey } from "@/lib/plans";

// Tests build their own rows with unique slugs and emails, so files can run in parallel.
export function uniqueSuffix(): string {
  return randomUUID().slice(0, 8);
}

export async function createTestOrg(opts: { plan?: PlanKey; maxAgents?: number | null; slug?: string } = {}) {
  const slug = opts.slug ?? `org-${uniqueSuffix()}`;
  const [org] = await db
    .insert(organizations)
    .values({ slug, name: `Org ${slug}`, plan: opts.plan ?? "free", maxAgents: opts.maxAgents ?? null })
    .returning();
  return org!;
}

export async function createTestUser(
  org: { id: number } | undefined,
  opts: { role?: "owner" | "admin" | "member"; password?: string; email?: string } = {},
) {
  const password = opts.password ?? "correct horse battery";
  const [user] = await db
    .insert(users)
    .values({
      email: opts.email ?? `user-${uniqueSuffix()}@example.test`,
      name: "Test User",
      passwordHash: await hashPassword(password),
    })
    .returning();
  if (org)
    await db
      .insert(memberships)
      .values({ organizationId: org.id, userId: user!.id, role: opts.role ?? "owner" });
  return { ...user!, password };
}

export async function createTestApiKey(
  org: { id: number },
  opts: { scopes?: ApiKeyScope[]; revoked?: boolean; expiresAt?: Date } = {},
) {
  const generated = generateApiKey();
  const [row] = await db
    .insert(apiKeys)
    .values({
      organizationId: org.id,
      name: "test key",
      keyId: generated.keyId,
      secretHash: generated.secretHash,
      scopes: opts.scopes ?? ["agents:read", "agents:write"],
      revokedAt: opts.revoked ? new Date() : null,
      expiresAt: opts.expiresAt ?? null,
    })
    .returning();
  return { ...row!, key: generated.key };
}
