import { writeFileSync } from "node:fs";
import path from "node:path";
import { AXE_LEDGER, expect, NOT_FOUND, readLedger, test } from "../fixtures/axe-pages";
import { appPageTemplates } from "../fixtures/page-templates";

// Runs last (zz-): the automatic axe check (tests/fixtures/axe-pages.ts) reached every page.tsx
// of the app during this run, each with no serious or critical violation. The routes come from
// the app/ tree, so a new page fails here until some spec opens it.
test("axe checked every page template of the app, and none had a serious or critical violation", () => {
  const outputDir = test.info().project.outputDir;
  const lines = readLedger(path.join(outputDir, AXE_LEDGER));
  const routes = appPageTemplates();
  const checked = [...new Set(lines.map((l) => l.template))].sort();
  const missing = routes.filter((r) => !checked.includes(r));
  const automaticMs = lines.reduce((sum, l) => sum + l.ms, 0);
  const findings = lines.flatMap((l) => l.findings.map((f) => `${f} (in ${l.test})`));
  writeFileSync(
    path.join(outputDir, "axe-templates.json"),
    `${JSON.stringify({ routes, checked, missing, findings, automaticMs, checks: lines }, null, 2)}\n`,
  );
  expect(routes.length, "page.tsx files found under app/").toBeGreaterThan(10);
  expect(missing, "page templates no spec visited (or whose check never completed)").toEqual([]);
  expect(checked).toContain(NOT_FOUND);
  expect(findings).toEqual([]);
});
