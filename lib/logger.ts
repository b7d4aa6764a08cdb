import { getEnv } from "@/lib/env";

// One JSON line per event. Secrets never reach here: callers pass ids and codes, and
// anything that looks like a credential is redacted as a last line of defence.
const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
type Level = Exclude<keyof typeof LEVELS, "silent">;

const SECRET_PATTERNS: RegExp[] = [
  /ya_live_[A-Za-z0-9]+_[A-Za-z0-9]+/g,
  /Bearer\s+[A-Za-z0-9._~+/=-]+/gi,
  /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+/g,
  /whsec_[A-Za-z0-9+/=]+/g,
];

export function redact(text: string): string {
  return SECRET_PATTERNS.reduce((t, re) => t.replace(re, "[redacted]"), text);
}

export function log(level: Level, msg: string, fields: Record<string, unknown> = {}): void {
  const min = LEVELS[getEnv().LOG_LEVEL];
  if (LEVELS[level] < min) return;
  const line = redact(JSON.stringify({ level, time: new Date().toISOString(), msg, ...fields }));
  (level === "error" || level === "warn" ? process.stderr : process.stdout).write(`${line}\n`);
}
