import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { findRunningEmbeddedUrl } from "../../../db/embedded";
import { hashPassword } from "../../../lib/auth/password";
import { E2E_DATA_DIR } from "./env";

export type E2eSql = ReturnType<typeof postgres>;

/** A postgres.js connection to the e2e server's embedded database. Call `.end()` when done. */
export function e2eSql(): E2eSql {
  const url = findRunningEmbeddedUrl(E2E_DATA_DIR);
  if (!url) throw new Error(`No embedded Postgres running for ${E2E_DATA_DIR}; is the e2e server up?`);
  return postgres(url, { max: 2, onnotice: () => {} });
}

export function uniqueSlug(prefix = "e2e"): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** An org with one user of `role` in it, created straight in the database. */
export async function createOrgWithUser(
  sql: E2eSql,
  opts: { role?: "owner" | "admin" | "member"; plan?: "free" | "pro" | "enterprise"; password?: string } = {},
) {
  const slug = uniqueSlug();
  const password = opts.password ?? "e2e password 123";
  const email = `${slug}@example.test`;
  const [org] = await sql<{ id: number; public_id: string }[]>`
    insert into organizations (slug, name, plan) values (${slug}, ${`Org ${slug}`}, ${opts.plan ?? "free"})
    returning id, public_id`;
  const [user] = await sql<{ id: number; public_id: string }[]>`
    insert into users (email, name, password_hash) values (${email}, ${"E2E User"}, ${await hashPassword(password)})
    returning id, public_id`;
  await sql`insert into memberships (organization_id, user_id, role) values (${org!.id}, ${user!.id}, ${opts.role ?? "owner"})`;
  return { slug, name: `Org ${slug}`, orgId: org!.id, email, password, userId: user!.id };
}

/** Adds an existing user (by email) to an org with a role. */
export async function addMembership(
  sql: E2eSql,
  orgSlug: string,
  email: string,
  role: "owner" | "admin" | "member",
) {
  await sql`
    insert into memberships (organization_id, user_id, role)
    select o.id, u.id, ${role} from organizations o, users u
    where o.slug = ${orgSlug} and lower(u.email) = lower(${email})
    on conflict do nothing`;
}
