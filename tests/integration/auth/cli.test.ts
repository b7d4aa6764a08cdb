import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { apiKeys, auditEvents, memberships, organizations, users } from "@/db/schema";
import { authenticateApiKey } from "@/lib/api-keys/authenticate";
import { uniqueSuffix } from "@/tests/fixtures";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../../..");

/** A real `tsx scripts/cli.ts` process against the test database. */
async function cli(...args: string[]) {
  try {
    const r = await run(process.execPath, ["--import", "tsx", "scripts/cli.ts", ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL, LOG_LEVEL: "info" },
      timeout: 60_000,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr, json: JSON.parse(r.stdout) };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr, json: JSON.parse(err.stdout) };
  }
}

describe("operator CLI (real process)", () => {
  it("org:create → user:create → api-key:create → api-key:revoke, one JSON document each", async () => {
    const slug = `cli-${uniqueSuffix()}`;
    const org = await cli(
      "org:create",
      "--slug",
      slug,
      "--name",
      "CLI Org",
      "--plan",
      "pro",
      "--max-agents",
      "7",
    );
    expect(org.code).toBe(0);
    expect(org.json).toMatchObject({ slug, name: "CLI Org", plan: "pro", max_agents: 7, agent_limit: 7 });
    const [row] = await db.select().from(organizations).where(eq(organizations.slug, slug));
    expect(row!.maxAgents).toBe(7);

    const email = `ops-${uniqueSuffix()}@example.test`;
    const user = await cli(
      "user:create",
      "--email",
      email,
      "--password",
      "a strong password",
      "--org",
      slug,
      "--role",
      "admin",
    );
    expect(user.code).toBe(0);
    expect(user.json).toMatchObject({ user: { email }, role: "admin", created: true });
    expect(user.stdout).not.toContain("a strong password");
    const [m] = await db
      .select({ role: memberships.role })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(users.email, email));
    expect(m!.role).toBe("admin");

    const key = await cli("api-key:create", "--org", slug, "--name", "ci", "--scopes", "agents:read");
    expect(key.code).toBe(0);
    expect(key.json.key).toMatch(/^ya_live_/);
    expect(key.json).toMatchObject({ name: "ci", scopes: ["agents:read"], organization: { slug } });
    const principal = await authenticateApiKey(
      new Request("http://x/", { headers: { authorization: `Bearer ${key.json.key}` } }),
    );
    expect(principal.organizationSlug).toBe(slug);

    const revoke = await cli("api-key:revoke", "--org", slug, "--key-id", key.json.key_id);
    expect(revoke.code).toBe(0);
    expect(revoke.json).toMatchObject({ key_id: key.json.key_id, already_revoked: false });
    const [k] = await db.select().from(apiKeys).where(eq(apiKeys.keyId, key.json.key_id));
    expect(k!.revokedAt).not.toBeNull();
    const actions = (await db.select().from(auditEvents).where(eq(auditEvents.organizationId, row!.id))).map(
      (a) => a.action,
    );
    expect(actions.sort()).toEqual([
      "api_key.created",
      "api_key.revoked",
      "membership.created",
      "organization.created",
    ]);
  });

  it("bad input: exit 2, a JSON error on stdout naming the option, a message on stderr, nothing written", async () => {
    const slug = `cli-${uniqueSuffix()}`;
    const r = await cli("org:create", "--slug", slug, "--name", "X", "--plan", "gold", "--colour", "red");
    expect(r.code).toBe(2);
    expect(r.json.error.code).toBe("invalid_arguments");
    expect(JSON.stringify(r.json.error.details)).toContain("--plan");
    expect(JSON.stringify(r.json.error.details)).toContain("--colour");
    expect(r.stderr).toContain("Usage: npm run cli -- org:create");
    expect(await db.select().from(organizations).where(eq(organizations.slug, slug))).toHaveLength(0);

    const short = await cli("user:create", "--email", "x@example.test", "--password", "short", "--org", slug);
    expect(short.code).toBe(2);
    expect(JSON.stringify(short.json.error.details)).toContain("--password");

    const unknown = await cli("org:destroy");
    expect(unknown.code).toBe(2);
    expect(unknown.json.error.message).toContain('Unknown command "org:destroy"');
  });

  it("domain failures: exit 1 with the error code (unknown org, duplicate slug)", async () => {
    const missing = await cli("api-key:create", "--org", `nope-${uniqueSuffix()}`);
    expect(missing.code).toBe(1);
    expect(missing.json.error.code).toBe("not_found");
    const slug = `cli-${uniqueSuffix()}`;
    expect((await cli("org:create", "--slug", slug, "--name", "A")).code).toBe(0);
    const dup = await cli("org:create", "--slug", slug, "--name", "B");
    expect(dup.code).toBe(1);
    expect(dup.json.error.code).toBe("conflict");
  });
});
