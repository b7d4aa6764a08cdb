import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

// The extraction worker requires these at run time from code no bundler or file tracer reads
// (worker-source.ts is text, started with `eval: true`). An output that ships only traced files
// (`output: "standalone"`, serverless bundles) must be told about them and their dependencies,
// or the worker would answer "The document reader is not installed." next.config.ts lists them.
export const WORKER_PACKAGES = ["mammoth", "unpdf"];

/** The package directory Node would load `name` from, looking up from `fromDir`. */
function locate(name: string, fromDir: string, root: string): string | undefined {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name);
    if (existsSync(path.join(candidate, "package.json"))) return candidate;
    if (dir === root || dir === path.dirname(dir)) return undefined;
  }
}

/** Globs (relative to `root`) of the worker's packages and everything they depend on. */
export function workerPackageGlobs(root = process.cwd()): string[] {
  const dirs = new Set<string>();
  const visit = (name: string, fromDir: string) => {
    const dir = locate(name, fromDir, root);
    if (!dir || dirs.has(dir)) return;
    dirs.add(dir);
    const manifest = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as {
      dependencies?: Record<string, string>;
    };
    for (const dep of Object.keys(manifest.dependencies ?? {})) visit(dep, dir);
  };
  for (const name of WORKER_PACKAGES) visit(name, root);
  return [...dirs].map((d) => `./${path.relative(root, d).split(path.sep).join("/")}/**/*`);
}
