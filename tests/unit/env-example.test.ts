import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { envSchema } from "@/lib/env";

const root = path.resolve(import.meta.dirname, "../..");

// .env.example must document every variable lib/env.ts accepts and every one the operator
// contract names, so an operator never has to read the source to configure the app.
describe(".env.example", () => {
  const example = readFileSync(path.join(root, ".env.example"), "utf8");
  const documented = new Set([...example.matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));

  it("documents every variable of lib/env.ts", () => {
    const keys = Object.keys(envSchema.shape);
    expect(keys.length).toBeGreaterThan(20);
    expect(keys.filter((k) => !documented.has(k))).toEqual([]);
  });

  it("documents every variable of the operator contract", () => {
    for (const k of [
      "DATABASE_URL",
      "APP_URL",
      "AUTH_SECRET",
      "WIDGET_TOKEN_SECRET",
      "AUTH_GITHUB_ID",
      "AUTH_GITHUB_SECRET",
      "GEMINI_API_KEY",
      "GEMINI_MODEL",
      "GEMINI_BASE_URL",
      "INNGEST_DEV",
      "INNGEST_BASE_URL",
      "INNGEST_EVENT_KEY",
      "INNGEST_SIGNING_KEY",
      "PORT",
      "HOSTNAME",
    ]) {
      expect(documented.has(k), k).toBe(true);
    }
  });
});
