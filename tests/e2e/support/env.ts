import path from "node:path";

// Mirrors scripts/e2e-server.ts: the same port and data dir, so specs find the server's files.
export const E2E_PORT = process.env.E2E_PORT ?? "3100";
export const E2E_DATA_DIR = path.resolve(process.env.E2E_DATA_DIR ?? `.data-e2e-${E2E_PORT}`);
export const SCREENSHOT_DIR = "test-results/screenshots";
