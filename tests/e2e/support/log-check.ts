// What must never appear in a log: API key secrets, bearer credentials, widget tokens (JWTs).
export const SECRET_PATTERNS: { name: string; re: RegExp }[] = [
  { name: "API key secret", re: /ya_live_[a-z2-7]{16}_[0-9a-f]{64}/ },
  { name: "Bearer credential", re: /Bearer\s+(?!\[redacted\])[A-Za-z0-9._~+/=-]{8,}/ },
  { name: "JWT (widget token)", re: /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/ },
];

export function findSecrets(text: string): string[] {
  const found: string[] = [];
  for (const { name, re } of SECRET_PATTERNS) {
    const m = re.exec(text);
    if (m) found.push(`${name}: …${m[0].slice(0, 14)}…`);
  }
  return found;
}

/** The JSON request log lines (lib/logger.ts) in a server's output. */
export function requestLogLines(text: string): Record<string, unknown>[] {
  return text
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((l) => l.msg === "request");
}
