import { eq } from "drizzle-orm";
import { db } from "@/db";
import { agents, knowledgePacks, personas } from "@/db/schema";
import { uniqueSuffix } from "@/tests/factories";

// Agents for widget tests, inserted directly (the create use case is tested elsewhere).
export async function createWidgetTestAgent(
  org: { id: number },
  opts: {
    name?: string;
    widgetConfig?: Record<string, unknown>;
    allowedOrigins?: string[];
    status?: "active" | "disabled";
    systemPrompt?: string;
    knowledge?: string;
  } = {},
) {
  const [persona] = await db.select().from(personas).where(eq(personas.key, "support")).limit(1);
  let knowledgePackId: number | null = null;
  if (opts.knowledge) {
    const [pack] = await db
      .insert(knowledgePacks)
      .values({ organizationId: org.id, name: `Pack ${uniqueSuffix()}`, content: opts.knowledge })
      .returning();
    knowledgePackId = pack!.id;
  }
  const [agent] = await db
    .insert(agents)
    .values({
      organizationId: org.id,
      name: opts.name ?? `Agent ${uniqueSuffix()}`,
      personaId: persona!.id,
      knowledgePackId,
      systemPrompt: opts.systemPrompt ?? "You are the SECRET-PROMPT support agent.",
      widgetConfig: opts.widgetConfig ?? { theme: "modern", welcome_message: "Hi there!" },
      config: { temperature: 0.5, max_output_tokens: 256, language: "en" },
      allowedOrigins: opts.allowedOrigins ?? [],
      status: opts.status ?? "active",
    })
    .returning();
  return agent!;
}
