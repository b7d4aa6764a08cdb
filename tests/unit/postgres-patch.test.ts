import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// scripts/patch-postgres.mjs (postinstall) guards postgres.js against an uncatchable TypeError
// that kills the process when Postgres drops a connection mid-write. Without it the fault
// test "Postgres stopped mid-load" crashes intermittently; this test says why at once.
describe("postgres.js null-socket patch", () => {
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
});
