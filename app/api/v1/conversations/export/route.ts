import { api } from "@/lib/api/route";
import { exportLines, exportStream } from "@/lib/conversations/export";
import { exportQuerySchema } from "@/lib/validations/conversation";

// Streamed: each batch is read when the client has taken the previous one (lib/conversations/export.ts).
export const GET = api("conversations:read").handle("GET /api/v1/conversations/export", async (ctx) => {
  const { format, ...filters } = exportQuerySchema.parse(Object.fromEntries(ctx.url.searchParams));
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(exportStream(exportLines(ctx.principal.organizationId, filters, format)), {
    headers: {
      "Content-Type": format === "csv" ? "text/csv; charset=utf-8; header=present" : "application/x-ndjson",
      "Content-Disposition": `attachment; filename="conversations-${stamp}.${format}"`,
      "Cache-Control": "no-store",
    },
  });
});
