import { AppError } from "@/lib/errors";
import { json } from "@/lib/http/pipeline";
import { getActiveWidgetAgent } from "@/lib/widget/agent-cache";
import { toPublicWidget } from "@/lib/widget/display-config";
import { publicWidget } from "@/lib/widget/route";

// Fetched by widget.js from any host page: public display fields only, `*` CORS without
// credentials (nothing here is private, and no cookie is read).
export const GET = publicWidget.handle<{ agentId: string }>("widget.config", async ({ params }) => {
  const agent = await getActiveWidgetAgent(params.agentId);
  if (!agent) throw new AppError("not_found", "No active agent has this id.");
  return json(toPublicWidget(agent), { headers: { "Cache-Control": "public, max-age=30" } });
});

export function OPTIONS() {
  return new Response(null, {
    status: 204,
    headers: {
      "Access-Control-Allow-Origin": "*",
      "Access-Control-Allow-Methods": "GET",
      "Access-Control-Max-Age": "86400",
    },
  });
}
