import { closeDb } from "@/db";
import { findRunningEmbeddedUrl } from "@/db/embedded";
import { getEnv } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { CliUsageError, parseOptions } from "./cli/args";
import { COMMANDS } from "./cli/commands";

// `npm run cli -- <command> --option value …`: exactly one JSON document on stdout (the result,
// or {"error": …}), human messages on stderr, exit 0 / 1 (failure) / 2 (bad input).
const realStdoutWrite = process.stdout.write.bind(process.stdout);
// Anything else that writes to stdout (library logs, notices) goes to stderr instead.
process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;

function emit(doc: unknown): void {
  realStdoutWrite(`${JSON.stringify(doc, null, 2)}\n`);
}

function helpText(): string {
  const lines = Object.entries(COMMANDS).map(
    ([name, c]) => `  ${name.padEnd(16)} ${c.summary}\n      ${c.usage}`,
  );
  return `Usage: npm run cli -- <command> [options]\n\nCommands:\n${lines.join("\n")}\n`;
}

/** Uses DATABASE_URL or the running embedded server; else starts the embedded one for this run. */
async function ensureDatabase(): Promise<() => Promise<void>> {
  const env = getEnv();
  if (env.DATABASE_URL || findRunningEmbeddedUrl(env.YOURAGENT_DATA_DIR)) return async () => {};
  process.stderr.write("[cli] no database running; starting the embedded Postgres for this command\n");
  const { prepareRuntime } = await import("./prepare-runtime");
  const rt = await prepareRuntime({ dev: true });
  return async () => {
    if (rt.embedded?.owned) await rt.embedded.stop();
  };
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help") {
    process.stderr.write(helpText());
    emit({ commands: Object.fromEntries(Object.entries(COMMANDS).map(([n, c]) => [n, c.usage])) });
    return name ? 0 : 2;
  }
  const cmd = COMMANDS[name];
  if (!cmd) throw new CliUsageError(`Unknown command "${name}". Run \`npm run cli -- help\`.`);
  const parsed = cmd.options.safeParse(parseOptions(rest));
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({
      option: i.path.length ? `--${i.path.join(".")}` : undefined,
      message:
        i.code === "unrecognized_keys"
          ? `unknown option(s): ${i.keys.map((k) => `--${k}`).join(", ")}`
          : i.message,
    }));
    throw new CliUsageError(`Invalid options for ${name}. Usage: npm run cli -- ${cmd.usage}`, details);
  }
  const stop = await ensureDatabase();
  try {
    emit(await cmd.run(parsed.data));
    return 0;
  } finally {
    await closeDb();
    await stop();
  }
}

main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  })
  .catch((e: unknown) => {
    if (e instanceof CliUsageError) {
      process.stderr.write(`error: ${e.message}\n`);
      if (Array.isArray(e.details))
        for (const d of e.details) process.stderr.write(`  ${d.option ?? ""} ${d.message}\n`);
      emit({ error: { code: "invalid_arguments", message: e.message, details: e.details ?? [] } });
      process.exitCode = 2;
    } else if (isAppError(e)) {
      process.stderr.write(`error: ${e.message}\n`);
      emit({ error: { code: e.code, message: e.message, ...e.extra } });
      process.exitCode = 1;
    } else {
      process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
      emit({ error: { code: "internal_error", message: e instanceof Error ? e.message : String(e) } });
      process.exitCode = 1;
    }
    return closeDb().catch(() => {});
  });
