import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as createAgent } from "@/app/api/v1/agents/route";
import { db } from "@/db";
import { toAppError } from "@/lib/http/pipeline";
import { callRoute, createTestApiKey, createTestOrg, uniqueSuffix } from "@/tests/fixtures";

// Drizzle's error message is "Failed query: <sql>\nparams: <values>", and Postgres' own
// messages quote input. An unexpected database error must reach the log as class, code and
// a description we wrote: no SQL, no parameter value.
function captureStderr() {
  const lines: string[] = [];
  const original = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    lines.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stderr.write;
  const restore = () => {
    process.stderr.write = original;
  };
  return { lines, restore };
}

const SQL_WORDS = /\b(select|insert|update|delete|from|values|returning)\b|Failed query|params:/i;

describe("unexpected errors are logged without data", () => {
  const marker = `secret-${uniqueSuffix()}`;
  const constraint = `no_${marker.replace(/-/g, "_")}`;
  beforeAll(async () => {
    // A CHECK no route maps (23514): the insert fails as an unexpected error, through the real route.
    await db.execute(
      sql.raw(`alter table agents add constraint ${constraint} check (name <> '${marker}') not valid`),
    );
  });
  afterAll(async () => {
    await db.execute(sql.raw(`alter table agents drop constraint if exists ${constraint}`));
  });

  it("a failing INSERT through POST /api/v1/agents logs code and class, not the SQL or the name", async () => {
    const org = await createTestOrg();
    const { key } = await createTestApiKey(org);
    const cap = captureStderr();
    let res: Awaited<ReturnType<typeof callRoute>>;
    try {
      res = await callRoute(createAgent, {
        method: "POST",
        path: "/api/v1/agents",
        key,
        body: { name: marker, description: `desc ${marker}` },
      });
    } finally {
      cap.restore();
    }
    expect(res.status).toBe(500);
    expect(res.text).not.toContain(marker);
    const line = cap.lines.find((l) => l.includes('"unhandled error"'));
    expect(line).toBeDefined();
    const entry = JSON.parse(line!) as Record<string, string>;
    expect(entry.error_code).toBe("23514");
    expect(entry.error).toMatch(/integrity constraint violation/);
    expect(entry.error_class).toMatch(/Error/);
    expect(line).not.toContain(marker);
    expect(line).not.toMatch(SQL_WORDS);
  });

  it("a data exception quoting its input (22P02) is logged without the value", async () => {
    const value = `${marker}-param`;
    const err = await db.execute(sql`select ${value}::int as n`).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(String((err as Error).message) + String((err as { cause?: Error }).cause?.message)).toContain(
      value,
    );
    const cap = captureStderr();
    try {
      expect(toAppError(err, "req-test", "test.route").status).toBe(500);
    } finally {
      cap.restore();
    }
    const line = cap.lines.join("");
    expect(line).toContain('"error_code":"22P02"');
    expect(line).not.toContain(value);
    expect(line).not.toMatch(SQL_WORDS);
  });
});
