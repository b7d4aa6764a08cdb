import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { conversationMessages, conversations } from "@/db/schema";
import { mintWidgetToken } from "@/lib/widget/token";
import { createTestAgent } from "@/tests/fixtures";
import {
  createEmptyPack,
  ingestLikeInngest,
  knowledgeOrgForFile,
  postSource,
} from "@/tests/fixtures/knowledge";
import { postWidgetMessage, sseEvents } from "@/tests/fixtures/widget-routes";

// Acceptance 4: a chat turn is given the retrieved passages (not the whole pack), the stream ends
// with the sources it was given, and the stored reply keeps them.
const file = knowledgeOrgForFile();

const send = postWidgetMessage;
const events = sseEvents;

describe("chat with knowledge sources", () => {
  it("answers from the matching passages and cites their sources; the stored reply keeps them", async () => {
    const pack = await createEmptyPack(file.org);
    const shipping = await postSource(file.key, pack.publicId, {
      body: {
        type: "text",
        title: "Shipping",
        content: "Parcels to Norway take five working days by courier.",
      },
    });
    const pets = await postSource(file.key, pack.publicId, {
      body: { type: "text", title: "Pets", content: "Dogs are welcome in every showroom on a leash." },
    });
    await ingestLikeInngest(file.org.id, shipping.json.id);
    await ingestLikeInngest(file.org.id, pets.json.id);
    const agent = await createTestAgent(file.org, { knowledgePackId: pack.id });

    const t = await mintWidgetToken(agent.publicId);
    file.backends.gemini.enqueue({ chunks: ["Five working days."] });
    const res = await send(t.token, { message: "How long does shipping to Norway take?" });
    expect(res.status).toBe(200);
    const ev = events(res.text);
    expect(ev.map((e) => e.event)).toEqual(["conversation", "delta", "done", "sources"]);
    const sources = ev.at(-1)?.data.sources;
    expect(sources).toEqual([
      {
        source_id: shipping.json.id,
        title: "Shipping",
        url: null,
        snippet: "Parcels to Norway take five working days by courier.",
      },
    ]);
    const system = file.backends.gemini.calls.at(-1)?.systemText ?? "";
    expect(system).toContain("Parcels to Norway take five working days");
    expect(system).not.toContain("Dogs are welcome");

    const [conv] = await db
      .select({ id: conversations.id })
      .from(conversations)
      .where(eq(conversations.publicId, ev[0]?.data.conversation_id));
    const stored = await db
      .select({ role: conversationMessages.role, sources: conversationMessages.sources })
      .from(conversationMessages)
      .where(eq(conversationMessages.conversationId, conv!.id))
      .orderBy(conversationMessages.id);
    expect(stored.map((m) => m.role)).toEqual(["user", "assistant"]);
    expect(stored[1]?.sources).toEqual(sources);

    // A follow-up borrows the previous user turn's terms ("Norway") to find the same passage.
    file.backends.gemini.enqueue({ chunks: ["Yes."] });
    const next = await send(t.token, {
      message: "And is it by courier?",
      conversation_id: ev[0]?.data.conversation_id,
    });
    expect(
      events(next.text)
        .at(-1)
        ?.data.sources.map((s: { source_id: string }) => s.source_id),
    ).toEqual([shipping.json.id]);
  });

  it("a question the pack does not cover gets no sources and a prompt that says so", async () => {
    const pack = await createEmptyPack(file.org);
    const s = await postSource(file.key, pack.publicId, {
      body: { type: "text", title: "Pets", content: "Dogs welcome." },
    });
    await ingestLikeInngest(file.org.id, s.json.id);
    const agent = await createTestAgent(file.org, { knowledgePackId: pack.id });
    const t = await mintWidgetToken(agent.publicId);
    file.backends.gemini.enqueue({ chunks: ["I do not know."] });
    const ev = events((await send(t.token, { message: "What is the VAT number?" })).text);
    expect(ev.at(-1)).toEqual({ event: "sources", data: { sources: [] } });
    expect(file.backends.gemini.calls.at(-1)?.systemText).toContain("No passage of the knowledge pack");
  });
});
