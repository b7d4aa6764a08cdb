import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { registerAgentPaths } from "./paths-agents";
import { registerConversationPaths } from "./paths-conversations";
import { registerEvalPaths } from "./paths-evals";
import { registerIdentityPaths } from "./paths-identity";
import { registerKnowledgePaths } from "./paths-knowledge";
import { registerOtherPaths } from "./paths-other";
import { registerPromptVersionPaths } from "./paths-prompt-versions";
import { registerUsagePaths } from "./paths-usage";
import { registerConversationWebhooks } from "./webhooks-conversations";

// The OpenAPI 3.1 document of /api/v1, generated from the zod schemas the handlers parse with.
// Built once per process: it depends only on code.
let cached: ReturnType<OpenApiGeneratorV31["generateDocument"]> | undefined;

export function buildOpenApiDocument(serverUrl?: string) {
  if (cached && !serverUrl) return cached;
  const r = new OpenAPIRegistry();
  r.registerComponent("securitySchemes", "ApiKey", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "ya_live_<key id>_<secret>",
    description:
      "An organization API key. Scopes: `agents:read`, `agents:write`, `conversations:read`, `conversations:write`, `knowledge:read`, `knowledge:write`.",
  });
  registerAgentPaths(r);
  registerPromptVersionPaths(r);
  registerEvalPaths(r);
  registerOtherPaths(r);
  registerKnowledgePaths(r);
  registerUsagePaths(r);
  registerConversationPaths(r);
  registerIdentityPaths(r);
  registerConversationWebhooks(r);
  const doc = new OpenApiGeneratorV31(r.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "YourAgent API",
      version: "1.0.0",
      // The package is private: its API description carries no open-source licence.
      license: { name: "Proprietary", identifier: "LicenseRef-Proprietary" },
      description:
        "Create, list and manage AI chat agents of your organization. JSON in and out, snake_case fields, " +
        "RFC 3339 UTC timestamps. Every response carries `X-Request-Id`; errors are RFC 9457 problem details " +
        "(`application/problem+json`) with a stable `code`. The organization always comes from the API key; " +
        "`organization_id`, when sent, must name it (else 403 `organization_mismatch`).",
    },
    servers: serverUrl ? [{ url: serverUrl }] : [{ url: "/" }],
    security: [{ ApiKey: [] }],
    tags: [
      {
        name: "Agents",
        description: "AI chat agents: create, list, read, update, delete, optimize, embed, prompt versions.",
      },
      { name: "Personas", description: "Built-in personas (prompt templates)." },
      { name: "Knowledge packs", description: "Sources the agents answer from: text, files, web pages." },
      { name: "Usage", description: "Messages and tokens against the plan's monthly limit." },
      { name: "Conversations", description: "Widget chats: list, search, read, export, erase." },
      { name: "Meta", description: "About the API itself." },
    ],
  });
  if (!serverUrl) cached = doc;
  return doc;
}
