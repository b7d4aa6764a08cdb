import type { UseCaseContext } from "@/lib/actor";
import { createAgent } from "@/lib/agents/create-agent";
import { createKnowledgePack } from "@/lib/knowledge-packs/manage-knowledge-packs";
import { createAgentSchema } from "@/lib/validations/agent";
import { createKnowledgePackSchema } from "@/lib/validations/knowledge-pack";

const PACKS = [
  {
    name: "Returns policy",
    description: "How returns, exchanges and refunds work.",
    content:
      "Items can be returned within 30 days of delivery in their original condition. Refunds go to the original payment method within 5 business days of receiving the item. Sale items can be exchanged but not refunded. Return shipping is free for orders over $50.",
  },
  {
    name: "Product catalog",
    description: "Acme's main product lines and prices.",
    content:
      "Acme Rocket Skates ($129): speeds up to 40 km/h, 2-year warranty.\nAcme Giant Magnet ($49): lifts up to 200 kg.\nAcme Portable Hole ($19): single use, fits any flat surface.",
  },
];

/**
 * The demo organization's knowledge and one agent on it, made on the first start through the
 * product's own use cases (audited, counted against the plan like any other), so a new user finds
 * an org that works: packs whose text is already searchable without a job server, and an agent
 * whose widget answers from them. Optimization is off: it would wait for Inngest in a fresh setup.
 */
export async function seedDemoContent(organizationId: number): Promise<void> {
  // Synced in this process and only here: an event as well would ingest the same text twice
  // once Inngest is configured.
  const ctx: UseCaseContext = {
    organizationId,
    actor: { type: "system", label: "demo seed" },
    knowledgeSync: "inline",
  };
  const packIds: string[] = [];
  for (const pack of PACKS) {
    const row = await createKnowledgePack(ctx, createKnowledgePackSchema.parse(pack));
    packIds.push(row.publicId);
  }
  await createAgent({
    organizationId,
    actor: ctx.actor,
    idempotencyKey: "demo-support-agent",
    input: createAgentSchema.parse({
      name: "Acme Support",
      description: "Answers questions about returns and refunds on acme.test.",
      persona: "support",
      industry: "ecommerce",
      knowledge_pack_id: packIds[0],
      auto_optimize: false,
    }),
  });
}
