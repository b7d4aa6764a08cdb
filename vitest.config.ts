import { availableParallelism } from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.dirname(new URL(import.meta.url).pathname);
const alias = {
  "@": root,
  // Next's `server-only` guard throws outside a React server bundle; tests import server modules directly.
  "server-only": path.join(root, "tests/setup/server-only.ts"),
};

// Integration files that measure time (deadlines, latency medians) or watch the whole database
// (idle transactions, notifications): they run after the others, one at a time, so no other
// file's load is in their numbers.
const serialIntegration = [
  "tests/integration/auth/accounts.test.ts",
  "tests/integration/faults-database.test.ts",
  "tests/integration/hostile-bodies.test.ts",
  "tests/integration/identity/rotation-coherence.test.ts",
  "tests/integration/instances/api-key-revocation.test.ts",
  "tests/integration/instances/cache-coherence.test.ts",
  "tests/integration/knowledge-packs-api.test.ts",
  "tests/integration/knowledge/ingest-files.test.ts",
  "tests/integration/knowledge/ingest-url.test.ts",
  "tests/integration/knowledge/packs-api.test.ts",
  "tests/integration/optimization/handoff.test.ts",
];

const integration = (
  name: string,
  files: { include: string[]; exclude?: string[] },
  opts: { order?: number; maxWorkers?: number } = {},
) => ({
  resolve: { alias },
  test: {
    name,
    ...files,
    environment: "node" as const,
    globalSetup: ["tests/setup/global-db.ts"],
    setupFiles: ["tests/setup/integration.ts"],
    // next-auth imports "next/server" without an extension, which only a bundler resolves.
    server: { deps: { inline: ["next-auth"] } },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    maxWorkers: opts.maxWorkers,
    sequence: { groupOrder: opts.order ?? 0 },
  },
});

const allIntegration = ["tests/integration/**/*.test.ts"];
// `npm run test:integration` (the whole suite) splits it; `--project integration <file>` still
// finds every file in one project.
const integrationProjects =
  process.env.INTEGRATION_SPLIT === "1"
    ? [
        // At least two files at once (Vitest's default leaves one worker on two cores): most wait
        // on timers, child processes and Postgres. Rows are per file (unique orgs, slugs, emails).
        integration(
          "integration",
          { include: allIntegration, exclude: serialIntegration },
          { maxWorkers: Math.max(2, availableParallelism() - 1) },
        ),
        integration("integration-serial", { include: serialIntegration }, { order: 1, maxWorkers: 1 }),
      ]
    : [integration("integration", { include: allIntegration })];

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          environment: "node",
          // Files are independent processes with no shared state; two at a time use both cores.
          maxWorkers: Math.max(2, availableParallelism() - 1),
        },
      },
      ...integrationProjects,
    ],
  },
});
