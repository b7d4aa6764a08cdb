import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

// Builds public/widget.js (the host-page loader) from TypeScript and prints its gzipped size.
const entry = "lib/widget/loader/index.ts";
const outfile = "public/widget.js";
const BUDGET = 3 * 1024;

if (!existsSync(entry)) {
  console.error(`[widget] ${entry} not found; skipping widget build`);
  process.exit(0);
}
mkdirSync("public", { recursive: true });
await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2019"],
  legalComments: "none",
});
const size = gzipSync(readFileSync(outfile)).length;
console.error(`[widget] ${outfile}: ${size} bytes gzipped (budget ${BUDGET})`);
if (size > BUDGET) {
  console.error("[widget] over the 3 KB budget");
  process.exit(1);
}
