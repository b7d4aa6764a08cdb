import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { exampleAgent } from "./resources";
import { jsonContent, problems } from "./responses";

const identitySecretSchema = z
  .object({
    secret: z
      .string()
      .describe(
        "Signs the site's HS256 identity tokens (server side only). Shown once; never readable again.",
      ),
  })
  .meta({ id: "IdentitySecret" });

export function registerIdentityPaths(r: OpenAPIRegistry): void {
  r.registerPath({
    method: "post",
    path: "/api/v1/agents/{id}/identity-secret",
    operationId: "rotateAgentIdentitySecret",
    tags: ["Agents"],
    summary: "Create or rotate the identity secret",
    description:
      "Scope `agents:write`. No body. Returns a new secret; the previous one stops verifying at once, on every " +
      "instance. The site signs `{ sub, exp, iat, name?, email?, aud? }` with it (HS256, `exp` at most 24 h " +
      "after `iat`) and passes the token to `YourAgent.init({ identityToken })`. Audited as " +
      "`agent.identity_secret_rotated` (without the secret).",
    request: {
      params: z.object({
        id: z.uuid().meta({ description: "The agent's public id.", example: exampleAgent.id }),
      }),
    },
    responses: {
      200: {
        description: "The new secret (`Cache-Control: no-store`).",
        content: jsonContent(identitySecretSchema, {
          secret: "yaid_3q2Xv1c9RkZ0bYpLwT8mNfE4sHgUaJ7dKiO6eCxVr5Q",
        }),
      },
      ...problems("insufficient_scope", "not_found"),
    },
  });
}
