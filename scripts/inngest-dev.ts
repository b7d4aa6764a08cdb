import { type ChildProcess, spawn } from "node:child_process";

/**
 * Tries to start the Inngest dev server (`npx inngest-cli@latest dev`). It downloads a binary,
 * which fails offline; then the app carries on and jobs stay pending until a server is reachable.
 */
export async function startInngestDev(appPort: number): Promise<ChildProcess | undefined> {
  if (process.env.INNGEST_BASE_URL || process.env.INNGEST_EVENT_KEY || process.env.SKIP_INNGEST_DEV === "1") {
    return undefined;
  }
  return new Promise((resolve) => {
    const child = spawn(
      "npx",
      [
        "--yes",
        "inngest-cli@latest",
        "dev",
        "-u",
        `http://localhost:${appPort}/api/inngest`,
        "--no-discovery",
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    const warn = (why: string) => {
      process.stderr.write(
        `[youragent] warning: Inngest dev server unavailable (npx inngest-cli@latest dev: ${why}; offline?) — the app runs, but prompt optimizations and webhooks stay pending until an Inngest server is reachable; then run \`npm run cli -- jobs:flush\` (see README).\n`,
      );
      resolve(undefined);
    };
    const timer = setTimeout(() => resolve(child), 15_000);
    child.stdout?.on("data", (d: Buffer) => {
      if (/listening|Inngest dev server online|localhost:8288/i.test(d.toString())) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once("error", (e) => {
      clearTimeout(timer);
      warn(e.message);
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      warn(`exited with code ${code}`);
    });
  });
}
