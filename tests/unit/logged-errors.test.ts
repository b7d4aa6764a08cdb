import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// A thrown value's message can carry data: Drizzle's "Failed query: <sql> params: <values>",
// Postgres' own messages quoting input. Server code logs errors through safeErrorFields
// (lib/http/safe-error.ts); this keeps a raw `e.message` from coming back.
const ROOTS = ["lib", "db"];
// Where a message is read on purpose, and why it is safe there.
const ALLOWED = new Map([
  ["lib/http/safe-error.ts", "the one place that decides what of a message may be logged"],
  ["lib/agents/optimization/function.ts", "the reason an LLM answer failed validation, shown to admins"],
]);
const RAW_MESSAGE = /\b(e|err|error)\s+instanceof\s+Error\s*\?[^;]*\b(e|err|error)\.message/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(name) ? [p] : [];
  });
}

describe("errors reach logs only through safeErrorFields", () => {
  it("no server file outside the allowed list reads a caught error's message", () => {
    const offenders = ROOTS.flatMap(sourceFiles)
      .filter((f) => !ALLOWED.has(f))
      .flatMap((f) =>
        readFileSync(f, "utf8")
          .split("\n")
          .map((line, i) => ({ where: `${f}:${i + 1}`, line }))
          .filter(({ line }) => RAW_MESSAGE.test(line)),
      );
    expect(offenders).toEqual([]);
  });

  it("the pattern catches the forms it is meant to", () => {
    expect(RAW_MESSAGE.test("error: e instanceof Error ? e.message : String(e),")).toBe(true);
    expect(RAW_MESSAGE.test("error: e instanceof Error ? `${e.name}: ${e.message}` : String(e),")).toBe(true);
    expect(RAW_MESSAGE.test("...safeErrorFields(e),")).toBe(false);
  });
});
