// `--name value`, `--name=value` and bare `--flag` (→ "true"). Positionals are refused: every
// option is named, so a typo fails loudly instead of being ignored.
export class CliUsageError extends Error {
  constructor(
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "CliUsageError";
  }
}

export function parseOptions(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--") || arg === "--") throw new CliUsageError(`Unexpected argument "${arg}".`);
    const eq = arg.indexOf("=");
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new CliUsageError(`Bad option "${arg}".`);
    let value: string;
    if (eq !== -1) value = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1]!.startsWith("--")) value = argv[++i]!;
    else value = "true";
    if (name in out) throw new CliUsageError(`Option --${name} given twice.`);
    out[name] = value;
  }
  return out;
}
