import { describe, expect, it } from "vitest";
import { CoherentWidgetAgentCache } from "@/lib/coherence/coherent-widget-cache";
import { INVALIDATION_CHANNEL, invalidationListenerInfo } from "@/lib/coherence/invalidation";
import { getActiveWidgetAgent, MemoryWidgetAgentCache } from "@/lib/widget/agent-cache";
import { rotateAgentPublicId, setAgentAllowedOrigins } from "@/lib/widget/manage";
import { createTestAgent } from "@/tests/fixtures";
import { secondInstance, within } from "@/tests/fixtures/second-instance";

// "Another instance" is a second connection that changes rows and sends the NOTIFY the app
// sends; this process's cache must follow within a second, and after its listener connection
// is cut, must drop everything it cached.
const instance = secondInstance();
const other = instance.other;

async function welcome(publicId: string) {
  return (await getActiveWidgetAgent(publicId))?.widgetConfig?.welcome_message;
}

async function setWelcome(publicId: string, message: string, opts: { notify: boolean }) {
  await other.begin(async (tx) => {
    await tx`update agents set widget_config = widget_config || ${tx.json({ welcome_message: message })}
      where public_id = ${publicId}`;
    // Inside the transaction: delivered at commit, never before the change is visible.
    if (opts.notify) await tx`select pg_notify(${INVALIDATION_CHANNEL}, ${publicId})`;
  });
}

describe("widget agent cache across instances", () => {
  it("caches: a change without an announcement is not seen (the TTL is only the backstop)", async () => {
    const agent = await createTestAgent(instance.org, { widgetConfig: { welcome_message: "v1" } });
    expect(await welcome(agent.publicId)).toBe("v1");
    await setWelcome(agent.publicId, "v2", { notify: false });
    expect(await welcome(agent.publicId)).toBe("v1");
  });

  it("an announced change is seen within 1 s; so are disabled and deleted agents", async () => {
    const agent = await createTestAgent(instance.org, { widgetConfig: { welcome_message: "v1" } });
    expect(await welcome(agent.publicId)).toBe("v1");
    await setWelcome(agent.publicId, "v2", { notify: true });
    expect(await within(1_000, async () => (await welcome(agent.publicId)) === "v2")).toBeLessThan(1_000);

    await other.begin(async (tx) => {
      await tx`update agents set status = 'disabled' where public_id = ${agent.publicId}`;
      await tx`select pg_notify(${INVALIDATION_CHANNEL}, ${agent.publicId})`;
    });
    await within(1_000, async () => (await getActiveWidgetAgent(agent.publicId)) === undefined);

    const gone = await createTestAgent(instance.org);
    expect(await getActiveWidgetAgent(gone.publicId)).toBeDefined();
    await other.begin(async (tx) => {
      await tx`delete from agents where public_id = ${gone.publicId}`;
      await tx`select pg_notify(${INVALIDATION_CHANNEL}, ${gone.publicId})`;
    });
    await within(1_000, async () => (await getActiveWidgetAgent(gone.publicId)) === undefined);
  });

  it("the app's own changes (origins, rotation) reach another instance's cache", async () => {
    const actor = { type: "system" as const, label: "test" };
    const agent = await createTestAgent(instance.org, { allowedOrigins: ["https://a.example.com"] });
    // A second cache on the channel stands for instance B's.
    const b = new CoherentWidgetAgentCache(() => new MemoryWidgetAgentCache());
    const row = await getActiveWidgetAgent(agent.publicId);
    if (!row) throw new Error("agent");
    b.set(agent.publicId, row);
    expect(b.get(agent.publicId)).toBeDefined();
    await setAgentAllowedOrigins({
      organizationId: instance.org.id,
      agentPublicId: agent.publicId,
      origins: ["https://b.example.com"],
      actor,
    });
    await within(1_000, async () => b.get(agent.publicId) === undefined);

    await new Promise((r) => setTimeout(r, 2_100)); // past the refill guard of the drop above
    b.set(agent.publicId, row);
    await rotateAgentPublicId({ organizationId: instance.org.id, agentPublicId: agent.publicId, actor });
    await within(1_000, async () => b.get(agent.publicId) === undefined);
    expect(await getActiveWidgetAgent(agent.publicId)).toBeUndefined();
  });

  it("a read that started before a drop does not put the old row back", () => {
    const c = new CoherentWidgetAgentCache(() => new MemoryWidgetAgentCache(), { listen: false });
    const id = "00000000-0000-4000-8000-000000000001";
    c.delete(id);
    c.set(id, {} as never);
    expect(c.get(id)).toBeUndefined();
  });

  it("after the listener's connection is cut, it reconnects and drops everything it cached", async () => {
    const agent = await createTestAgent(instance.org, { widgetConfig: { welcome_message: "v1" } });
    expect(await welcome(agent.publicId)).toBe("v1");
    const before = invalidationListenerInfo();
    expect(before.state).toBe("listening");
    const [cut] = await other<{ ok: boolean }[]>`select pg_terminate_backend(${before.pid ?? 0}) as ok`;
    expect(cut?.ok).toBe(true);
    // Changed while nobody listened: no message will ever arrive for it.
    await setWelcome(agent.publicId, "v2", { notify: true });
    await within(5_000, async () => invalidationListenerInfo().connects > before.connects);
    expect(invalidationListenerInfo().state).toBe("listening");
    expect(await welcome(agent.publicId)).toBe("v2");
  });
});
