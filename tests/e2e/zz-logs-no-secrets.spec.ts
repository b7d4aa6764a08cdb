import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "../fixtures/axe-pages";
import { E2E_PORT } from "../fixtures/e2e";
import { ISSUED_IDENTITY_FILE } from "../fixtures/identity-host";
import { findLiterals, findSecrets } from "../fixtures/log-check";

// Promise 12 of RELIABILITY.md, last spec of the run (zz-): every server log this run wrote to
// test-results/logs/ (the e2e server via scripts/e2e-server.ts, the fault servers, the bench,
// and anything else that follows the convention) holds no key secret, bearer value or JWT.
test("no API key secret, Bearer value or widget token in any log of the run", () => {
  const dir = "test-results/logs";
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".log")) : [];
  expect(files.length, "the e2e server writes test-results/logs/e2e-<port>.log").toBeGreaterThan(0);
  // This run's own server log made requests: it has request lines, so an empty file cannot pass.
  const e2eLog = `e2e-${E2E_PORT}.log`;
  expect(files).toContain(e2eLog);
  expect(readFileSync(path.join(dir, e2eLog), "utf8")).toContain('"msg":"request"');
  const leaks = files.flatMap((f) =>
    findSecrets(readFileSync(path.join(dir, f), "utf8")).map((s) => `${f}: ${s}`),
  );
  expect(leaks).toEqual([]);
});

// Visitor identity: each identity token and secret the run issued, looked for literally.
test("no identity token or identity secret the run issued appears in any log", () => {
  const dir = "test-results/logs";
  expect(existsSync(ISSUED_IDENTITY_FILE), "the identity spec records what it issued").toBe(true);
  const issued = readFileSync(ISSUED_IDENTITY_FILE, "utf8").split("\n").filter(Boolean);
  expect(issued.length).toBeGreaterThan(2);
  const files = readdirSync(dir).filter((f) => f.endsWith(".log"));
  const leaks = files.flatMap((f) =>
    findLiterals(readFileSync(path.join(dir, f), "utf8"), issued).map((s) => `${f}: ${s}`),
  );
  expect(leaks).toEqual([]);
});
