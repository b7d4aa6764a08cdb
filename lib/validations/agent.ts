import { z } from "zod";
import { agentStatusEnum, identityVerificationEnum, optimizationStatusEnum } from "@/db/schema/enums";
import { AppError } from "@/lib/errors";
import { jsonByteLength, rejectUnsafeShape } from "@/lib/http/json-guard";
import { DEFAULT_PERSONA_KEY, PERSONA_KEYS } from "@/lib/personas";
import { rejectUnstorableText } from "./storable-text";
import {
  WIDGET_ANIMATIONS,
  WIDGET_DEFAULTS,
  WIDGET_POSITIONS,
  WIDGET_SIZES,
  WIDGET_THEMES,
} from "./widget-options";
import { fieldErrorsFromZod } from "./zod-errors";

// The shapes of API.md, shared by the API, the dashboard forms, jobs and the OpenAPI document.
// Never JSON.stringify raw input: a deep value would overflow the stack (see json-guard).
const jsonSize = jsonByteLength;
const MAX_OBJECT_BYTES = 16 * 1024;
// An unsafe shape is reported by rejectUnsafeShape; the size check then stays quiet.
const fitsSize = (v: unknown) => {
  const n = jsonSize(v);
  return n === Number.POSITIVE_INFINITY || n <= MAX_OBJECT_BYTES;
};

export { WIDGET_ANIMATIONS, WIDGET_POSITIONS, WIDGET_SIZES, WIDGET_THEMES } from "./widget-options";

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, "Use a hex color like #4f46e5.");

export const widgetConfigSchema = z
  .looseObject({
    theme: z.enum(WIDGET_THEMES).default(WIDGET_DEFAULTS.theme),
    position: z.enum(WIDGET_POSITIONS).default(WIDGET_DEFAULTS.position),
    size: z.enum(WIDGET_SIZES).default(WIDGET_DEFAULTS.size),
    animation: z.enum(WIDGET_ANIMATIONS).default(WIDGET_DEFAULTS.animation),
    branding: z.boolean().default(WIDGET_DEFAULTS.branding),
    sound_enabled: z.boolean().default(WIDGET_DEFAULTS.sound_enabled),
    typing_indicator: z.boolean().default(WIDGET_DEFAULTS.typing_indicator),
    quick_replies: z.boolean().default(WIDGET_DEFAULTS.quick_replies),
    quick_reply_options: z.array(z.string().trim().min(1).max(80)).max(6).optional(),
    welcome_message: z.string().max(500, "At most 500 characters.").nullable().default(null),
    // Shown when the org's monthly messages are used up (the widget's default when null).
    offline_message: z.string().max(500, "At most 500 characters.").nullable().default(null),
    custom_css: z.string().max(10_000, "At most 10,000 characters.").nullable().default(null),
    primary_color: hexColor.optional(),
    accent_color: hexColor.optional(),
  })
  .superRefine(rejectUnsafeShape)
  .refine(fitsSize, { message: "widget_config must be at most 16 KiB." });
export type WidgetConfig = z.infer<typeof widgetConfigSchema>;

// BCP 47, pragmatically: a language subtag and optional subtags (en, en-US, zh-Hant-TW, es-419).
const bcp47 = z
  .string()
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "Use a BCP 47 language tag like en or pt-BR.");

export const agentConfigSchema = z
  .looseObject({
    model: z.string().trim().min(1).max(100).optional(),
    temperature: z.number().min(0).max(2).default(0.7),
    max_output_tokens: z.number().int().min(1).max(8192).default(1024),
    language: bcp47.default("en"),
  })
  .superRefine(rejectUnsafeShape)
  .refine(fitsSize, { message: "config must be at most 16 KiB." });
export type AgentConfig = z.infer<typeof agentConfigSchema>;

/** scheme://host[:port] with no path, query or fragment; normalised to the URL origin. */
export const originSchema = z
  .string()
  .trim()
  .max(300)
  .refine(
    (s) => {
      try {
        const u = new URL(s);
        return (u.protocol === "https:" || u.protocol === "http:") && u.origin === s.replace(/\/$/, "");
      } catch {
        return false;
      }
    },
    { message: "Use an origin like https://shop.example.com (scheme, host and optional port; no path)." },
  )
  .transform((s) => new URL(s).origin);

export const allowedOriginsSchema = z
  .array(originSchema)
  .max(20, "At most 20 origins.")
  .transform((list) => [...new Set(list)]);

/** Visible ASCII, 1–255 chars (the IETF Idempotency-Key draft, as Stripe uses it). */
export const idempotencyKeySchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[\x21-\x7E]+$/, "Use 1–255 visible ASCII characters.");

export const agentNameSchema = z
  .string()
  .trim()
  .min(1, "Name is required.")
  .max(100, "At most 100 characters.")
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { message: "Name cannot contain control characters." });

export const createAgentSchema = z
  .strictObject({
    name: agentNameSchema,
    description: z.string().trim().max(500, "At most 500 characters.").nullish(),
    persona: z.enum(PERSONA_KEYS).default(DEFAULT_PERSONA_KEY),
    industry: z.string().trim().max(100, "At most 100 characters.").nullish(),
    system_prompt: z.string().max(20_000, "At most 20,000 characters.").optional(),
    knowledge_pack_id: z.uuid("Use the id of one of your knowledge packs.").nullish(),
    widget_config: widgetConfigSchema.default(() => widgetConfigSchema.parse({})),
    config: agentConfigSchema.default(() => agentConfigSchema.parse({})),
    allowed_origins: allowedOriginsSchema.default([]),
    auto_optimize: z.boolean().default(true),
    idempotency_key: idempotencyKeySchema.optional(),
  })
  .superRefine(rejectUnstorableText);
export type CreateAgentInput = z.infer<typeof createAgentSchema>;

export const updateAgentSchema = z
  .strictObject({
    name: agentNameSchema.optional(),
    description: z.string().trim().max(500).nullish(),
    persona: z.enum(PERSONA_KEYS).optional(),
    industry: z.string().trim().max(100).nullish(),
    system_prompt: z.string().trim().min(1, "The prompt cannot be empty.").max(20_000).optional(),
    knowledge_pack_id: z.uuid().nullish(),
    widget_config: widgetConfigSchema.optional(),
    config: agentConfigSchema.optional(),
    allowed_origins: allowedOriginsSchema.optional(),
    use_optimized_prompt: z.boolean().optional(),
    status: z.enum(agentStatusEnum.enumValues).optional(),
    identity_verification: z.enum(identityVerificationEnum.enumValues).optional(),
    auto_optimize: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).some((k) => k !== "auto_optimize"), {
    message: "Send at least one field to change.",
  })
  .superRefine(rejectUnstorableText);
export type UpdateAgentInput = z.infer<typeof updateAgentSchema>;

type SentObject = Record<string, unknown>;
/**
 * A parsed PATCH: the validated fields plus widget_config and config as sent (parsing fills
 * defaults, but an edit merges only the sent keys onto what is stored).
 */
export type AgentPatch = UpdateAgentInput & { sent: { widget_config?: SentObject; config?: SentObject } };

export function parseAgentPatch(body: unknown): AgentPatch {
  const parsed = updateAgentSchema.safeParse(body);
  if (!parsed.success) throw AppError.validation(fieldErrorsFromZod(parsed.error));
  const input = parsed.data;
  const raw = body as { widget_config?: SentObject; config?: SentObject };
  return { ...input, sent: { widget_config: raw.widget_config, config: raw.config } };
}

export const optimizationStatusSchema = z.enum(optimizationStatusEnum.enumValues);
