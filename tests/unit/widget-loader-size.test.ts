import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

// widget.js runs on customers' pages: it must stay small and dependency-free.
describe("widget.js", () => {
  it("builds to at most 3 KB gzipped with no imports left, identity calls included", async () => {
    const out = await build({
      entryPoints: ["lib/widget/loader/index.ts"],
      bundle: true,
      minify: true,
      format: "iife",
      target: ["es2019"],
      legalComments: "none",
      write: false,
      metafile: true,
    });
    const code = out.outputFiles[0]?.text ?? "";
    const gz = gzipSync(Buffer.from(code)).length;
    expect(gz).toBeGreaterThan(500); // it really built the loader
    expect(gz).toBeLessThanOrEqual(3 * 1024);
    // Only our own loader files are bundled: no package from node_modules.
    expect(Object.keys(out.metafile.inputs).every((f) => f.startsWith("lib/widget/loader/"))).toBe(true);
    expect(code).not.toMatch(/\brequire\(|\bimport\(/);
    expect(code).toContain("/api/widget/config/");
    expect(code).toContain("/embed/");
    expect(code).toContain("youragent:identity");
    expect(code).toContain("youragent:logout");
  });
});
