import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// Against `next build && next start` on its own embedded Postgres (a fresh data dir per run).
// E2E_PORT / NEXT_DIST_DIR / E2E_DATA_DIR let several runs share a machine.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
const geminiPort = Number(process.env.E2E_GEMINI_PORT ?? port + 2000);
const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));

export default defineConfig({
  testDir: "tests/e2e",
  // Parallel runs on one machine keep their artifacts apart (E2E_OUTPUT_DIR).
  outputDir: process.env.E2E_OUTPUT_DIR ?? "test-results/e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: {
    baseURL,
    // CI retries a failed test once and traces that retry: recording every test's trace (DOM
    // snapshots, screencast) costs each of them time. Locally (no retries) failures keep theirs.
    trace: process.env.CI ? "on-first-retry" : "retain-on-failure",
    screenshot: "only-on-failure",
    ...devices["Desktop Chrome"],
    launchOptions: {
      executablePath: systemChromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: [
    {
      // The fake Gemini (tests/fakes/gemini-server.ts) on its own port: widget chat replies
      // stream from it; the app below is pointed at it.
      command: `npx tsx tests/fakes/gemini-server.ts --port ${geminiPort}`,
      port: geminiPort,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: "npx tsx scripts/e2e-server.ts",
      url: `${baseURL}/api/health`,
      timeout: 600_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        E2E_PORT: String(port),
        GEMINI_API_KEY: process.env.GEMINI_API_KEY ?? "fake-e2e-key",
        GEMINI_BASE_URL: process.env.GEMINI_BASE_URL ?? `http://127.0.0.1:${geminiPort}`,
        // Low enough that the widget e2e reaches the per-visitor limit quickly.
        WIDGET_VISITOR_RATE_LIMIT_PER_MINUTE: process.env.WIDGET_VISITOR_RATE_LIMIT_PER_MINUTE ?? "5",
        // Every spec's browser is one client address: the per-IP limits are proven in integration.
        WIDGET_IP_SESSION_RATE_LIMIT_PER_MINUTE:
          process.env.WIDGET_IP_SESSION_RATE_LIMIT_PER_MINUTE ?? "10000",
        WIDGET_IP_MESSAGE_RATE_LIMIT_PER_MINUTE:
          process.env.WIDGET_IP_MESSAGE_RATE_LIMIT_PER_MINUTE ?? "10000",
        // The webhook spec's receiver listens on 127.0.0.1; the production server refuses
        // private targets at save time unless this deployment opts in.
        WEBHOOK_ALLOW_PRIVATE_URLS: process.env.WEBHOOK_ALLOW_PRIVATE_URLS ?? "1",
        // Unset: the default store (Postgres), as in production.
        ...(process.env.RATE_LIMIT_STORE ? { RATE_LIMIT_STORE: process.env.RATE_LIMIT_STORE } : {}),
      },
    },
  ],
});
