import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { WORKER_PACKAGES, workerPackageGlobs } from "@/lib/knowledge/extract/traced-packages";
import config from "@/next.config";

// The extraction worker's packages reach any traced output (standalone, serverless): the route
// that runs ingestion lists them and everything they need at run time.
describe("the extraction worker's packages are traced", () => {
  const globs = workerPackageGlobs();
  const dirs = globs.map((g) => g.replace(/^\.\//, "").replace(/\/\*\*\/\*$/, ""));

  it("lists the worker's packages and their dependencies, each a directory that exists", () => {
    for (const name of WORKER_PACKAGES) expect(dirs).toContain(`node_modules/${name}`);
    // mammoth reads the DOCX zip with jszip, which inflates with pako.
    expect(dirs).toEqual(expect.arrayContaining(["node_modules/jszip", "node_modules/pako"]));
    for (const d of dirs) expect(existsSync(path.join(d, "package.json")), d).toBe(true);
    expect(new Set(dirs).size).toBe(dirs.length);
  });

  it("next.config.ts includes them for /api/inngest", () => {
    expect(config.outputFileTracingIncludes?.["/api/inngest"]).toEqual(globs);
  });
});
