import { z } from "zod";
import { db } from "@/db";
import { findOrganizationBySlug } from "@/db/queries/organizations";
import type { Actor } from "@/lib/actor";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { API_KEY_SCOPES } from "@/lib/api-keys/format";
import { revokeApiKeyOfOrganization } from "@/lib/api-keys/revoke-api-key";
import { AppError } from "@/lib/errors";
import { addUserToOrganization } from "@/lib/organizations/add-user";
import { createOrganization } from "@/lib/organizations/create-organization";
import { SLUG_PATTERN } from "@/lib/organizations/slug";
import { agentLimit, PLAN_KEYS } from "@/lib/plans";
import { apiKeyIdSchema, apiKeyNameSchema, apiKeyScopesSchema } from "@/lib/validations/api-key";
import { emailSchema, passwordSchema } from "@/lib/validations/auth";

// The operator CLI's command table. To add a command, add one entry: its options are a strict
// zod object (unknown options are rejected) and `run` returns the JSON document to print.
export type CliCommand<S extends z.ZodType = z.ZodType> = {
  summary: string;
  usage: string;
  options: S;
  run: (opts: z.output<S>) => Promise<unknown>;
};

export const CLI_ACTOR: Actor = { type: "system", label: "cli" };

function command<S extends z.ZodType>(c: CliCommand<S>): CliCommand {
  return c as unknown as CliCommand;
}

const slug = z.string().regex(SLUG_PATTERN, "a slug: lowercase letters, digits and dashes");
const positiveInt = z.coerce.number().int().min(0).max(1_000_000);

async function requireOrg(orgSlug: string) {
  const org = await findOrganizationBySlug(db, orgSlug);
  if (!org) throw new AppError("not_found", `No organization with slug "${orgSlug}".`);
  return org;
}

export const COMMANDS: Record<string, CliCommand> = {
  "org:create": command({
    summary: "Create an organization.",
    usage: 'org:create --slug acme --name "Acme" [--plan free|pro|enterprise] [--max-agents N]',
    options: z.strictObject({
      slug,
      name: z.string().trim().min(1).max(100),
      plan: z.enum(PLAN_KEYS as ["free", "pro", "enterprise"]).default("free"),
      "max-agents": positiveInt.optional(),
    }),
    run: async (o) => {
      const org = await createOrganization({
        slug: o.slug,
        name: o.name,
        plan: o.plan,
        maxAgents: o["max-agents"] ?? null,
        actor: CLI_ACTOR,
      });
      return {
        id: org.publicId,
        slug: org.slug,
        name: org.name,
        plan: org.plan,
        max_agents: org.maxAgents,
        agent_limit: agentLimit(org),
      };
    },
  }),
  "user:create": command({
    summary: "Create a user (or reuse one by email) and give them a role in an organization.",
    usage: "user:create --email a@acme.test --password … --org acme [--role owner|admin|member] [--name …]",
    options: z.strictObject({
      email: emailSchema,
      password: passwordSchema,
      org: slug,
      role: z.enum(["owner", "admin", "member"]).default("member"),
      name: z.string().trim().min(1).max(100).optional(),
    }),
    run: (o) =>
      addUserToOrganization({
        email: o.email,
        password: o.password,
        name: o.name,
        orgSlug: o.org,
        role: o.role,
        actor: CLI_ACTOR,
      }),
  }),
  "api-key:create": command({
    summary: "Create an org API key. The secret is printed once, here.",
    usage: `api-key:create --org acme [--name ci] [--scopes ${API_KEY_SCOPES.join(",")}] [--expires-in-days N]`,
    options: z.strictObject({
      org: slug,
      name: apiKeyNameSchema.default("cli"),
      scopes: z
        .string()
        .default(API_KEY_SCOPES.join(","))
        .transform((s) =>
          s
            .split(",")
            .map((x) => x.trim())
            .filter(Boolean),
        )
        .pipe(apiKeyScopesSchema),
      "expires-in-days": z.coerce.number().int().min(1).max(3650).optional(),
    }),
    run: async (o) => {
      const org = await requireOrg(o.org);
      const days = o["expires-in-days"];
      const created = await createApiKey({
        organizationId: org.id,
        actor: CLI_ACTOR,
        name: o.name,
        scopes: o.scopes,
        expiresAt: days ? new Date(Date.now() + days * 86_400_000) : null,
      });
      return { ...created, organization: { id: org.publicId, slug: org.slug } };
    },
  }),
  "api-key:revoke": command({
    summary: "Revoke an org API key by its key id (the part after ya_live_).",
    usage: "api-key:revoke --org acme --key-id abcdefghijklmnop",
    options: z.strictObject({ org: slug, "key-id": apiKeyIdSchema }),
    run: async (o) => {
      const org = await requireOrg(o.org);
      const r = await revokeApiKeyOfOrganization({
        organizationId: org.id,
        keyId: o["key-id"],
        actor: CLI_ACTOR,
      });
      return { key_id: r.key_id, name: r.name, revoked_at: r.revoked_at, already_revoked: r.already };
    },
  }),
  "jobs:flush": command({
    summary:
      "Re-send optimization events for agents left pending (and queued webhook deliveries never handed off).",
    usage: "jobs:flush [--grace-seconds 30] [--org acme]",
    options: z.strictObject({
      "grace-seconds": z.coerce.number().int().min(0).max(86_400).default(30),
      org: slug.optional(),
    }),
    run: async (o) => {
      const { flushPendingOptimizations } = await import("@/lib/agents/optimization/flush-outbox");
      const org = o.org ? await requireOrg(o.org) : undefined;
      const result = await flushPendingOptimizations({
        graceSeconds: o["grace-seconds"],
        organizationId: org?.id,
      });
      if (result.failed > 0) {
        throw new AppError(
          "service_unavailable",
          `Inngest is unreachable or not configured: ${result.failed} of ${result.found} events could not be sent; they stay pending. Cause: ${result.error ?? "unknown"}`,
          { extra: result },
        );
      }
      return result;
    },
  }),
};
