import path from "node:path";
import { defineConfig } from "vitest/config";

// Only for `npm run test:mutation` (Stryker): the unit tests of the modules it mutates.
const root = path.dirname(new URL(import.meta.url).pathname);

export default defineConfig({
  resolve: { alias: { "@": root, "server-only": path.join(root, "tests/setup/server-only.ts") } },
  test: {
    include: [
      "tests/unit/json-guard.test.ts",
      "tests/unit/egress-address.test.ts",
      "tests/unit/egress-fetch.test.ts",
      "tests/unit/widget-embed-security.test.ts",
    ],
    environment: "node",
  },
});
