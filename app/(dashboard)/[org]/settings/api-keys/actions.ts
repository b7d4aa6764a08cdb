"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { memberContext } from "@/lib/actor";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { revokeApiKeyOfOrganization } from "@/lib/api-keys/revoke-api-key";
import { formList } from "@/lib/auth/form-data";
import { orgAction } from "@/lib/auth/org-action";
import { ADMIN_ROLES } from "@/lib/auth/org-context";
import {
  apiKeyIdSchema,
  apiKeyNameSchema,
  apiKeyScopesSchema,
  EXPIRY_CHOICES,
  expiryFromChoice,
} from "@/lib/validations/api-key";

const createSchema = z.object({
  name: apiKeyNameSchema,
  scopes: formList(apiKeyScopesSchema),
  expiry: z.enum(EXPIRY_CHOICES, { error: "Choose an expiry." }).default("never"),
});

export const createApiKeyAction = orgAction(
  createSchema,
  async (data, ctx) => {
    const created = await createApiKey({
      ...memberContext(ctx),
      name: data.name,
      scopes: data.scopes,
      expiresAt: expiryFromChoice(data.expiry),
    });
    revalidatePath(`/${ctx.org.slug}/settings/api-keys`);
    return {
      ok: true,
      message: `Created “${created.name}”.`,
      data: { key: created.key, name: created.name, prefix: created.prefix },
    };
  },
  { roles: ADMIN_ROLES },
);

export const revokeApiKeyAction = orgAction(
  z.object({ keyId: apiKeyIdSchema }),
  async (data, ctx) => {
    const revoked = await revokeApiKeyOfOrganization({
      ...memberContext(ctx),
      keyId: data.keyId,
    });
    revalidatePath(`/${ctx.org.slug}/settings/api-keys`);
    return { ok: true, message: `Revoked “${revoked.name}”.` };
  },
  { roles: ADMIN_ROLES },
);
