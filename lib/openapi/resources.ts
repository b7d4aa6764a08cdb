import { z } from "zod";
import { optimizationStatusEnum } from "@/db/schema/enums";
import { ERROR_CATALOG, type ErrorCode } from "@/lib/errors";
import { PERSONA_KEYS } from "@/lib/personas";
import { WIDGET_DEFAULTS } from "@/lib/validations/widget-options";

// Response shapes of API.md as zod schemas, registered as OpenAPI components (`.meta({ id })`).
// Integration tests parse real handler responses with these, so the document cannot drift.

const timestamp = z.iso.datetime().meta({ example: "2026-11-26T08:00:00.000Z" });
const uuid = z.uuid().meta({ example: "7d0c5e1a-3b8f-4c2d-9e6a-1f2b3c4d5e6f" });

export const personaSummarySchema = z
  .object({ key: z.enum(PERSONA_KEYS), name: z.string(), description: z.string() })
  .meta({ id: "PersonaSummary" });

export const agentResourceSchema = z
  .object({
    object: z.literal("agent"),
    id: uuid.describe("The agent's public id."),
    name: z.string(),
    description: z.string().nullable(),
    industry: z.string().nullable(),
    persona: personaSummarySchema,
    knowledge_pack: z.object({ id: uuid, name: z.string() }).nullable(),
    system_prompt: z.string().describe("The prompt as written by the admin (the original)."),
    optimized_system_prompt: z
      .string()
      .nullable()
      .describe("Gemini's improved prompt, once optimization succeeded."),
    use_optimized_prompt: z.boolean().describe("Answer with the optimized prompt when there is one."),
    prompt_version: z.number().int().min(1).describe("Bumps on every change of system_prompt."),
    optimization: z.object({
      status: z.enum(optimizationStatusEnum.enumValues),
      error: z.string().nullable(),
      rationale: z.string().nullable(),
      updated_at: timestamp,
    }),
    optimization_pending: z.boolean().describe("True while optimization.status is pending or running."),
    widget_config: z.record(z.string(), z.unknown()),
    config: z.record(z.string(), z.unknown()),
    allowed_origins: z.array(z.string()),
    identity_verification: z
      .enum(["off", "optional", "required"])
      .describe(
        "Whether the widget takes a site-signed identity token: `required` admits only verified users.",
      ),
    status: z.enum(["active", "disabled"]),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: "Agent" });

export const paginationSchema = z
  .object({
    limit: z.number().int(),
    offset: z.number().int().nullable().describe("null in cursor mode."),
    total: z
      .number()
      .int()
      .nullable()
      .describe("null in cursor mode (counting would cost a second statement)."),
    has_more: z.boolean(),
    next_cursor: z
      .string()
      .nullable()
      .describe(
        "Opaque; pass as `cursor` with the same filters to get the next page. null on the last page.",
      ),
  })
  .meta({ id: "Pagination" });

export const agentListSchema = z
  .object({ object: z.literal("list"), data: z.array(agentResourceSchema), pagination: paginationSchema })
  .meta({ id: "AgentList" });

export const personaResourceSchema = z
  .object({
    object: z.literal("persona"),
    key: z.enum(PERSONA_KEYS),
    name: z.string(),
    description: z.string(),
    tone: z.string(),
    default_system_prompt: z.string(),
  })
  .meta({ id: "Persona" });

export const personaListSchema = z
  .object({ object: z.literal("list"), data: z.array(personaResourceSchema) })
  .meta({ id: "PersonaList" });

export const pingSchema = z
  .object({ object: z.literal("ping"), status: z.literal("ok") })
  .meta({ id: "Ping" });

export const knowledgePackResourceSchema = z
  .object({
    object: z.literal("knowledge_pack"),
    id: uuid,
    name: z.string(),
    description: z.string().nullable(),
    language: z.string().describe("The Postgres text search configuration its passages are indexed in."),
    content_bytes: z.number().int(),
    agent_count: z.number().int().optional().describe("In lists: how many agents use the pack."),
    content: z.string().optional().describe("Returned on create; lists omit it."),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: "KnowledgePack" });

export const knowledgePackListSchema = z
  .object({
    object: z.literal("list"),
    data: z.array(knowledgePackResourceSchema),
    pagination: paginationSchema,
  })
  .meta({ id: "KnowledgePackList" });

export const embedResourceSchema = z
  .object({
    agent_id: uuid,
    script_url: z.url().meta({ example: "https://app.youragent.dev/widget.js" }),
    snippet: z.string().describe("The HTML to paste before </body>; contains no secret."),
  })
  .meta({ id: "EmbedSnippet" });

export const problemSchema = z
  .object({
    type: z.url(),
    title: z.string(),
    status: z.number().int(),
    code: z.enum(Object.keys(ERROR_CATALOG) as [ErrorCode, ...ErrorCode[]]),
    detail: z.string(),
    request_id: z.string(),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .describe("validation_failed: one entry per invalid field."),
  })
  .catchall(z.unknown())
  .meta({
    id: "Problem",
    description: "RFC 9457 problem details. Some codes add fields (plan_limit_reached: limit, used, plan).",
  });

export const exampleAgent = {
  object: "agent",
  id: "7d0c5e1a-3b8f-4c2d-9e6a-1f2b3c4d5e6f",
  name: "Support bot",
  description: "Answers order and returns questions.",
  industry: "ecommerce",
  persona: {
    key: "support",
    name: "Customer Support",
    description: "Resolves customer issues: orders, accounts, troubleshooting, with empathy and clear steps.",
  },
  knowledge_pack: null,
  system_prompt: "You are the support assistant of Acme Shop. Help customers with orders and returns.",
  optimized_system_prompt: null,
  use_optimized_prompt: true,
  prompt_version: 1,
  optimization: { status: "pending", error: null, rationale: null, updated_at: "2026-11-26T08:00:00.000Z" },
  optimization_pending: true,
  widget_config: {
    ...WIDGET_DEFAULTS,
    welcome_message: "Hi! How can I help with your order?",
    custom_css: null,
  },
  config: { temperature: 0.5, max_output_tokens: 1024, language: "en" },
  allowed_origins: ["https://shop.example.com"],
  identity_verification: "off",
  status: "active",
  created_at: "2026-11-26T08:00:00.000Z",
  updated_at: "2026-11-26T08:00:00.000Z",
} satisfies z.input<typeof agentResourceSchema>;

/** The documented create body; a test posts it to the real handler. */
export const exampleCreateAgentBody = {
  name: "Support bot",
  description: "Answers order and returns questions.",
  persona: "support",
  industry: "ecommerce",
  system_prompt: "You are the support assistant of Acme Shop. Help customers with orders and returns.",
  widget_config: {
    theme: "modern",
    position: "bottom-right",
    welcome_message: "Hi! How can I help with your order?",
  },
  config: { temperature: 0.5, language: "en" },
  allowed_origins: ["https://shop.example.com"],
  auto_optimize: true,
};

export const examplePatchAgentBody = {
  system_prompt: "You are the support assistant of Acme Shop. Be brief and always offer a tracking link.",
  widget_config: { theme: "dark" },
};

export const exampleCreateKnowledgePackBody = {
  name: "Returns policy",
  description: "What customers can return, and how.",
  content: "Items can be returned within 30 days of delivery, unused and in their original packaging.",
};
