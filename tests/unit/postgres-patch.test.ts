import { readFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { createSqlClient } from "@/db";

// scripts/patch-postgres.mjs (postinstall) guards postgres.js against an uncatchable TypeError
// that kills the process when Postgres drops a connection mid-write. Without it the fault
// test "Postgres stopped mid-load" crashes intermittently; this test says why at once.
describe("postgres.js patches", () => {
  for (const file of ["src/connection.js", "cjs/src/connection.js"]) {
    it(`is applied to ${file}`, () => {
      const src = readFileSync(path.resolve("node_modules/postgres", file), "utf8");
      expect(src, "run `node scripts/patch-postgres.mjs` (npm install runs it)").toContain(
        "youragent-patch: null-socket guard",
      );
      const guard = src.indexOf("if (!socket) {", src.indexOf("function nextWrite(fn)"));
      expect(guard).toBeGreaterThan(0);
      expect(guard).toBeLessThan(src.indexOf("socket.write(chunk, fn)"));
    });
  }
  for (const file of ["src/query.js", "cjs/src/query.js"]) {
    it(`lets the statement counter skip the per-query stack in ${file}`, () => {
      const src = readFileSync(path.resolve("node_modules/postgres", file), "utf8");
      const guarded = "(this.handler.debug && !this.handler.debug.withoutStack)";
      // Both places that read `debug`: the constructor's stack capture and the `origin` getter.
      expect(src.split(guarded).length - 1).toBe(2);
      expect(src.indexOf(guarded)).toBeLessThan(src.indexOf("? new Error()"));
    });
  }

  it("keeps the app's statement counter off the per-query stack capture", async () => {
    // No query runs: postgres.js connects on the first execution, so no database is needed.
    const app = createSqlClient("postgres://u:p@127.0.0.1:1/none", { max: 1 });
    const plain = postgres("postgres://u:p@127.0.0.1:1/none", { max: 1, debug: () => {} });
    // An unsafe query carries an origin stack only when one was captured for it.
    const origin = (q: unknown) => (q as { origin: string }).origin;
    expect(origin(app.unsafe("select 1"))).toBe("");
    expect(origin(plain.unsafe("select 1"))).toContain("postgres-patch.test");
    await Promise.all([app.end(), plain.end()]);
  });
});
