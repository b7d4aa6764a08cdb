import { getActiveWidgetAgent } from "@/lib/widget/agent-cache";
import { buildEmbedSnippet } from "@/lib/widget/snippet";

// A sample website with the agent's real snippet pasted in: the dashboard's live preview
// frames it. Same origin as the app, so `frame-ancestors 'self'` (set by proxy.ts for
// /embed/*) lets the dashboard show it while other sites cannot. Its inline init script
// carries the nonce proxy.ts put in this request's CSP.
export async function GET(req: Request, { params }: { params: Promise<{ agentId: string }> }) {
  const agent = await getActiveWidgetAgent((await params).agentId);
  if (!agent) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain" } });
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>Widget preview</title>
<style>body{margin:0;font:15px/1.6 system-ui,sans-serif;color:#334155;background:#f8fafc}
header{background:#0f172a;color:#fff;padding:14px 24px;font-weight:600}main{padding:24px;max-width:560px}
.bar{height:10px;border-radius:5px;background:#e2e8f0;margin:12px 0}.bar.s{width:60%}</style></head>
<body><header>Your website</header><main><h1>Welcome to our shop</h1>
<p>This sample page shows the chat launcher exactly as visitors will see it.</p>
<div class="bar"></div><div class="bar"></div><div class="bar s"></div></main>
${buildEmbedSnippet(agent, undefined, req.headers.get("x-nonce") ?? undefined)}
</body></html>`;
  return new Response(html, {
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
  });
}
