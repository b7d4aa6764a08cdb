import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { findMembershipBySlug, listOrganizationsForUser } from "@/db/queries/memberships";
import { auditEvents, organizations, users } from "@/db/schema";
import { signUpUser } from "@/lib/auth/sign-up";
import { verifyCredentials } from "@/lib/auth/users";
import { AppError } from "@/lib/errors";
import { signUpSchema } from "@/lib/validations/auth";
import { createTestOrg, createTestUser, uniqueSuffix } from "@/tests/fixtures";
import { signUpInput } from "@/tests/fixtures/sign-up";

function input(overrides: Partial<Record<string, string>> = {}) {
  const s = uniqueSuffix();
  // A mixed-case email: it is stored lower-cased.
  return signUpInput({ email: `Grace-${s}@Example.test`, organizationName: `Navy Labs ${s}`, ...overrides });
}

describe("sign-up", () => {
  it("creates the user, an org with a slug from its name and the owner membership", async () => {
    const data = input();
    const result = await signUpUser(data);
    expect(result.org.slug).toMatch(/^navy-labs-[0-9a-f]{8}$/);
    const [user] = await db.select().from(users).where(eq(users.publicId, result.user.publicId));
    expect(user!.email).toBe(data.email);
    expect(user!.email).toBe(user!.email.toLowerCase());
    expect(user!.passwordHash).toMatch(/^scrypt\$/);
    const m = await findMembershipBySlug(db, user!.id, result.org.slug);
    expect(m?.role).toBe("owner");
    expect(m?.org.plan).toBe("free");
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.organizationId, m!.org.id));
    expect(audit.map((a) => a.action)).toEqual(["organization.created"]);
    expect(audit[0]!.actorLabel).toBe(data.email);
  });

  it("makes slugs unique when two orgs share a name", async () => {
    const name = `Same Name ${uniqueSuffix()}`;
    const a = await signUpUser(input({ organizationName: name }));
    const b = await signUpUser(input({ organizationName: name }));
    const c = await signUpUser(input({ organizationName: name }));
    expect(new Set([a.org.slug, b.org.slug, c.org.slug]).size).toBe(3);
    expect(b.org.slug).toBe(`${a.org.slug}-2`);
  });

  it("never takes a reserved path as slug", async () => {
    const r = await signUpUser(input({ organizationName: "API" }));
    expect(r.org.slug).not.toBe("api");
    expect(r.org.slug.startsWith("org-api")).toBe(true);
  });

  it("refuses a taken email (any case) and writes nothing", async () => {
    const first = input();
    await signUpUser(first);
    const orgName = `Dup Org ${uniqueSuffix()}`;
    const err = await signUpUser({
      ...input({ organizationName: orgName }),
      email: first.email.toUpperCase(),
    }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("validation_failed");
    expect((err as AppError).extra.errors).toEqual([expect.objectContaining({ path: "email" })]);
    const orgs = await db.select().from(organizations).where(eq(organizations.name, orgName));
    expect(orgs).toHaveLength(0);
  });

  it("validates the form: password of at least 10 characters, a real email, an org name", () => {
    const r = signUpSchema.safeParse({ name: "", email: "nope", password: "short", organizationName: "" });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["name", "email", "password", "organizationName"]));
  });
});

describe("credentials", () => {
  it("accepts the right password (email in any case) and returns only the public id", async () => {
    const user = await createTestUser(undefined, { password: "correct horse battery" });
    const ok = await verifyCredentials(user.email.toUpperCase(), "correct horse battery");
    expect(ok).toEqual({ id: user.publicId, email: user.email, name: user.name });
    // The JWT is built from this object: it must carry the UUID, never the internal numeric id.
    expect(ok!.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Object.values(ok!)).not.toContain(user.id);
  });

  it("rejects a wrong password and an unknown email alike", async () => {
    const user = await createTestUser(undefined, { password: "correct horse battery" });
    expect(await verifyCredentials(user.email, "wrong horse battery")).toBeNull();
    expect(await verifyCredentials(`nobody-${uniqueSuffix()}@example.test`, "whatever pass")).toBeNull();
  });
});

describe("membership lookups", () => {
  it("finds the membership only in the user's own orgs", async () => {
    const orgA = await createTestOrg();
    const orgB = await createTestOrg();
    const user = await createTestUser(orgA, { role: "admin" });
    expect((await findMembershipBySlug(db, user.id, orgA.slug))?.role).toBe("admin");
    expect(await findMembershipBySlug(db, user.id, orgB.slug)).toBeUndefined();
    const orgs = await listOrganizationsForUser(db, user.id);
    expect(orgs.map((o) => o.slug)).toEqual([orgA.slug]);
  });

  it("keeps emails unique case-insensitively at the database level", async () => {
    const user = await createTestUser(undefined);
    await expect(
      db.execute(sql`insert into users (email) values (${user.email.toUpperCase()})`),
    ).rejects.toThrow();
  });
});
