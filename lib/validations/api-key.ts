import { z } from "zod";
import { API_KEY_SCOPES } from "@/lib/api-keys/format";

export const apiKeyNameSchema = z
  .string()
  .trim()
  .min(1, "Give the key a name, e.g. where it is used.")
  .max(100, "Use at most 100 characters.");

export const apiKeyScopesSchema = z
  .array(z.enum(API_KEY_SCOPES, { error: `Scopes are ${API_KEY_SCOPES.join(", ")}.` }))
  .min(1, "Choose at least one scope.")
  .transform((s) => [...new Set(s)].sort());

export const EXPIRY_CHOICES = ["never", "7", "30", "90", "365"] as const;

/** Key ids are 16 base32 characters (see lib/api-keys/format.ts). */
export const apiKeyIdSchema = z.string().regex(/^[a-z2-7]{16}$/, "Not a valid key id.");

export function expiryFromChoice(choice: (typeof EXPIRY_CHOICES)[number], now = new Date()): Date | null {
  if (choice === "never") return null;
  return new Date(now.getTime() + Number(choice) * 24 * 60 * 60 * 1000);
}
