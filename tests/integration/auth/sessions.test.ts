import { beforeAll, describe, expect, it } from "vitest";
import { SESSION_MAX_AGE_SECONDS } from "@/lib/auth";
import { changePassword } from "@/lib/auth/account";
import { userForSession } from "@/lib/auth/org-context";
import { bumpSessionVersion } from "@/lib/auth/users";
import type { AppError } from "@/lib/errors";
import { changeMemberRole, removeMember } from "@/lib/organizations/membership-changes";
import { createTestOrg, createTestUser, fakeEnv } from "@/tests/fixtures";
import { sessionOf, signInOverHttp } from "@/tests/fixtures/auth-http";

beforeAll(() => {
  fakeEnv({ AUTH_SECRET: process.env.AUTH_SECRET ?? "integration-secret-integration-secret" });
});

let seq = 0;
const ip = () => `172.16.${seq++ % 250}.${(Date.now() >> 4) % 250}`;
const system = { type: "system" as const, label: "test" };

async function signedIn(email: string, password: string) {
  const r = await signInOverHttp(email, password, ip());
  expect(r.outcome).toBe("signed-in");
  return r.jar;
}

/** What every page and action asks: does this cookie still name a current session? */
async function current(jar: Awaited<ReturnType<typeof signedIn>>) {
  return userForSession(await sessionOf(jar));
}

describe("sessions that end", () => {
  it("a copied cookie is refused once the version is bumped (sign-out, sign out everywhere)", async () => {
    const user = await createTestUser(undefined);
    const a = await signedIn(user.email, user.password);
    const b = await signedIn(user.email, user.password);
    expect((await current(a))?.id).toBe(user.id);
    expect((await current(b))?.id).toBe(user.id);
    await bumpSessionVersion(user.id);
    expect(await current(a)).toBeNull();
    expect(await current(b)).toBeNull();
    // Signing in again gives a session at the new version.
    expect((await current(await signedIn(user.email, user.password)))?.id).toBe(user.id);
  });

  it("a removed member's session stops at once; so does a demoted one's, a promoted one's does not", async () => {
    const org = await createTestOrg();
    const member = await createTestUser(org, { role: "admin" });
    const ctx = { organizationId: org.id, actor: system };
    let jar = await signedIn(member.email, member.password);
    await changeMemberRole(ctx, { userId: member.id, role: "owner" });
    expect(await current(jar)).not.toBeNull();
    await changeMemberRole(ctx, { userId: member.id, role: "member" });
    expect(await current(jar)).toBeNull();
    jar = await signedIn(member.email, member.password);
    await removeMember(ctx, { userId: member.id });
    expect(await current(jar)).toBeNull();
  });

  it("a password change needs the current password, refuses a weak one and ends every session", async () => {
    const user = await createTestUser(undefined);
    const jar = await signedIn(user.email, user.password);
    const base = { user, ip: ip() };
    const wrong = await changePassword(base, {
      currentPassword: "nope nope nope",
      newPassword: "amber falcon drift quartz",
    }).catch((e) => e);
    expect((wrong as AppError).extra.errors).toEqual([expect.objectContaining({ path: "currentPassword" })]);
    const weak = await changePassword(base, {
      currentPassword: user.password,
      newPassword: "password123",
    }).catch((e) => e);
    expect((weak as AppError).extra.errors).toEqual([expect.objectContaining({ path: "newPassword" })]);
    expect(await current(jar)).not.toBeNull();

    await changePassword(base, {
      currentPassword: user.password,
      newPassword: "amber falcon drift quartz",
    });
    expect(await current(jar)).toBeNull();
    expect((await signInOverHttp(user.email, user.password, ip())).outcome).toBe("wrong");
    await signedIn(user.email, "amber falcon drift quartz");
  });

  it("sessions last days, not a month", async () => {
    const user = await createTestUser(undefined);
    const session = (await sessionOf(await signedIn(user.email, user.password))) as { expires: string };
    const ms = new Date(session.expires).getTime() - Date.now();
    expect(SESSION_MAX_AGE_SECONDS).toBeLessThanOrEqual(7 * 86_400);
    expect(ms).toBeLessThanOrEqual(SESSION_MAX_AGE_SECONDS * 1000 + 5_000);
  });
});
