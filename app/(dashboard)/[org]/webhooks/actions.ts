"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { memberContext } from "@/lib/actor";
import { formList } from "@/lib/auth/form-data";
import { orgAction } from "@/lib/auth/org-action";
import { ADMIN_ROLES } from "@/lib/auth/org-context";
import { createWebhookEndpointSchema, webhookEventsSchema } from "@/lib/validations/webhook";
import { createWebhookEndpoint, removeWebhookEndpoint, sendTestWebhook } from "@/lib/webhooks/endpoints";

const endpointTarget = z.object({ endpoint: z.uuid("Unknown endpoint.") });

export const createWebhookEndpointAction = orgAction(
  createWebhookEndpointSchema.extend({ events: formList(webhookEventsSchema) }),
  async (input, ctx) => {
    const { endpoint, secret } = await createWebhookEndpoint({
      ...memberContext(ctx),
      input,
    });
    revalidatePath(`/${ctx.org.slug}/webhooks`);
    // The secret travels to the browser this once; it is never rendered again.
    return { ok: true, message: `Endpoint added.`, data: { secret, url: endpoint.url } };
  },
  { roles: ADMIN_ROLES },
);

export const sendTestWebhookAction = orgAction(
  endpointTarget,
  async ({ endpoint }, ctx) => {
    const queued = await sendTestWebhook({ organizationId: ctx.org.id, endpointPublicId: endpoint });
    revalidatePath(`/${ctx.org.slug}/webhooks`);
    return {
      ok: true,
      message: queued.sent
        ? "Test event queued. Refresh the deliveries in a moment."
        : "Test event recorded, but background jobs are unreachable; it is sent when they are back.",
    };
  },
  { roles: ADMIN_ROLES },
);

export const deleteWebhookEndpointAction = orgAction(
  endpointTarget,
  async ({ endpoint }, ctx) => {
    await removeWebhookEndpoint({
      ...memberContext(ctx),
      publicId: endpoint,
    });
    revalidatePath(`/${ctx.org.slug}/webhooks`);
    return { ok: true, message: "Endpoint deleted." };
  },
  { roles: ADMIN_ROLES },
);
