import { z } from "zod";

// The one place that reads process.env. Parsed lazily once, so scripts and tests
// can set variables (e.g. the embedded DATABASE_URL) before first use.
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
      .optional(),
  ),
  YOURAGENT_DATA_DIR: z.string().default(".data"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOSTNAME: optionalString,
  APP_URL: optionalString.pipe(z.url().optional()),
  AUTH_SECRET: optionalString.pipe(z.string().min(16, "must be at least 16 characters").optional()),
  WIDGET_TOKEN_SECRET: optionalString.pipe(z.string().min(16, "must be at least 16 characters").optional()),
  AUTH_GITHUB_ID: optionalString,
  AUTH_GITHUB_SECRET: optionalString,
  // GitHub Enterprise, or the fake OAuth server in tests: web (authorize/token) and API bases.
  AUTH_GITHUB_URL: optionalString.pipe(z.url().optional()),
  AUTH_GITHUB_API_URL: optionalString.pipe(z.url().optional()),
  // Reverse proxies in front of the app: how many X-Forwarded-For hops to trust (0 = none).
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  GEMINI_API_KEY: optionalString,
  GEMINI_MODEL: z.string().default("gemini-2.5-flash"),
  // The models an agent may use on each plan, comma-separated (GEMINI_MODEL is always allowed);
  // unset: the lists of the plans table, enterprise getting pro's.
  GEMINI_MODELS_FREE: optionalString,
  GEMINI_MODELS_PRO: optionalString,
  GEMINI_MODELS_ENTERPRISE: optionalString,
  GEMINI_BASE_URL: optionalString.pipe(z.url().optional()),
  GEMINI_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  INNGEST_DEV: optionalString,
  INNGEST_BASE_URL: optionalString.pipe(z.url().optional()),
  INNGEST_EVENT_KEY: optionalString,
  INNGEST_SIGNING_KEY: optionalString,
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  DB_LOCK_TIMEOUT_MS: z.coerce.number().int().positive().default(2_000),
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  REQUEST_DEADLINE_MS: z.coerce.number().int().positive().default(8_000),
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  // Widget chat: per visitor (a session's visitor id) and per agent, messages per minute.
  WIDGET_VISITOR_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(20),
  WIDGET_AGENT_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  // Per client IP, checked before the per-visitor and per-agent limits: widget session mints
  // (embed page views, session refreshes) and messages per minute.
  WIDGET_IP_SESSION_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(30),
  WIDGET_IP_MESSAGE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(60),
  // The outbox re-sends a job Inngest accepted but has not run (pending/running) for this long,
  // up to OUTBOX_MAX_RESENDS times; then it is marked failed. Longer than a normal run.
  OUTBOX_RESEND_AFTER_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  OUTBOX_MAX_RESENDS: z.coerce.number().int().min(0).max(20).default(3),
  // Where limits count: Postgres (shared by every instance; the default). "memory" counts per
  // process and exists only so the bench and tests can compare against it; never in production
  // with more than one instance.
  RATE_LIMIT_STORE: z.enum(["postgres", "memory"]).default("postgres"),
  // Bench and tests read the per-request SQL statement count from a response header.
  EXPOSE_STATEMENT_COUNT: z.enum(["0", "1"]).default("0"),
  // Bench only: "1" skips the monthly message budget so the bench can price it against a run
  // with it. Refused unless statement counts are exposed (the bench's instrumented mode).
  BENCH_SKIP_MESSAGE_BUDGET: z.enum(["0", "1"]).default("0"),
  SEED_DEMO: z.enum(["0", "1"]).optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  // Webhook targets on private/loopback networks (SSRF guard): allowed outside production by
  // default so local receivers work; "1"/"0" forces it either way.
  WEBHOOK_ALLOW_PRIVATE_URLS: optionalString.pipe(z.enum(["0", "1"]).optional()),
  // URL knowledge sources: one deadline for a page's every hop and its whole body.
  KNOWLEDGE_FETCH_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(60_000).default(15_000),
});

export type Env = z.infer<typeof envSchema>;

const checkedEnvSchema = envSchema.refine(
  (e) => e.BENCH_SKIP_MESSAGE_BUDGET === "0" || e.EXPOSE_STATEMENT_COUNT === "1",
  {
    path: ["BENCH_SKIP_MESSAGE_BUDGET"],
    message: "is for the bench only: it needs EXPOSE_STATEMENT_COUNT=1",
  },
);

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  const parsed = checkedEnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment (see .env.example):\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

/** Tests and the launcher change variables after start; this drops the cached parse. */
export function resetEnvCache(): void {
  cached = undefined;
}

export function appUrl(): string {
  const env = getEnv();
  return (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, "");
}

export function isGeminiConfigured(): boolean {
  return Boolean(getEnv().GEMINI_API_KEY);
}
