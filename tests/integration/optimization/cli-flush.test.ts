import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { agents } from "@/db/schema";
import { OPTIMIZE_REQUESTED } from "@/lib/inngest/events";
import { type FakeInngest, startFakeInngest } from "@/tests/fakes/inngest-server";
import { createTestAgent, createTestOrg } from "@/tests/fixtures";

// `npm run cli -- jobs:flush` as a real process against the test database and a fake Inngest.
const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../../..");
let inngestFake: FakeInngest;

async function cli(args: string[], env: Record<string, string>) {
  try {
    const r = await run(process.execPath, ["--import", "tsx", "scripts/cli.ts", ...args], {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: "warn", ...env },
      timeout: 60_000,
    });
    return { code: 0, json: JSON.parse(r.stdout), stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, json: JSON.parse(err.stdout), stderr: err.stderr };
  }
}

beforeAll(async () => {
  inngestFake = await startFakeInngest();
});
afterAll(async () => {
  await inngestFake.close();
});

describe("jobs:flush", () => {
  it("re-sends a pending, unsent agent once; fails clearly while Inngest is down", async () => {
    const org = await createTestOrg();
    const agent = await createTestAgent(org, { optimizationStatus: "pending" });
    const env = { INNGEST_DEV: "1", INNGEST_BASE_URL: inngestFake.url };

    inngestFake.setMode("down");
    const down = await cli(["jobs:flush", "--grace-seconds", "0", "--org", org.slug], env);
    expect(down.code).not.toBe(0);
    expect(down.json.error.code).toBe("service_unavailable");
    expect(down.json.error.message ?? down.json.error.detail).toMatch(/unreachable/);

    inngestFake.setMode("up");
    const ok = await cli(["jobs:flush", "--grace-seconds", "0", "--org", org.slug], env);
    expect(ok.code).toBe(0);
    expect(ok.json).toMatchObject({ found: 1, sent: 1, failed: 0 });
    const events = inngestFake.eventsNamed(OPTIMIZE_REQUESTED);
    expect(events.map((e) => e.data.agent_public_id)).toEqual([agent.publicId]);

    const again = await cli(["jobs:flush", "--grace-seconds", "0", "--org", org.slug], env);
    expect(again.json).toMatchObject({ found: 0, sent: 0 });
    expect(inngestFake.eventsNamed(OPTIMIZE_REQUESTED)).toHaveLength(1);
    const [row] = await db.select().from(agents).where(eq(agents.id, agent.id));
    expect(row!.optimizationEventSentAt).toBeInstanceOf(Date);
  });

  it("rejects unknown options", async () => {
    const bad = await cli(["jobs:flush", "--grace", "x"], {});
    expect(bad.code).toBe(2);
  });
});
