import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { DISPLAY_WIDGET_KEYS, toPublicWidget } from "@/lib/widget/display-config";
import { buildEmbedSnippet, serializeForScript, snippetConfig } from "@/lib/widget/snippet";

const hostile = {
  publicId: "7d0c6a52-1d8e-4a8f-9a51-0b6a3f1f2c11",
  name: "<img src=x onerror=alert(1)>",
  widgetConfig: {
    theme: "dark",
    position: "bottom-left",
    welcome_message: "</script><script>window.__pwned=1</script>",
    quick_reply_options: ["<b>bold</b>", "a & b", "line\u2028sep\u2029end"],
    custom_css: "body{color:red}",
    internal_note: "secret roadmap",
    api_key: "ya_live_abc_def",
  },
};

/** The inline script's body, as the browser would hand it to the JS engine. */
function inlineScript(snippet: string): string {
  const m = /<script>([\s\S]*?)<\/script>/.exec(snippet);
  if (!m?.[1]) throw new Error("no inline script");
  return m[1];
}

describe("embed snippet", () => {
  const snippet = buildEmbedSnippet(hostile, "https://app.example.com");

  it("has the established shape with the public id and the script URL", () => {
    expect(snippet).toContain('<script src="https://app.example.com/widget.js" async></script>');
    expect(snippet).toContain(
      "window.YourAgent = window.YourAgent || { q: [], init: function (o) { this.q.push(o) } };",
    );
    expect(snippet).toContain(`"agentPublicId":"${hostile.publicId}"`);
  });

  it("contains no secret, prompt, internal id, custom CSS or unknown widget keys", () => {
    for (const leak of [
      "ya_live_",
      "secret roadmap",
      "internal_note",
      "api_key",
      "custom_css",
      "body{color:red}",
    ]) {
      expect(snippet).not.toContain(leak);
    }
    const withPrompt = { ...hostile, id: 4242, systemPrompt: "TOP SECRET PROMPT", organizationId: 99 };
    const s2 = buildEmbedSnippet(withPrompt, "https://app.example.com");
    expect(s2).not.toContain("TOP SECRET PROMPT");
    expect(s2).not.toContain("4242");
  });

  it("escapes <, >, &, U+2028 and U+2029 so nothing can close the script element", () => {
    const body = inlineScript(snippet);
    expect(body).not.toMatch(/[<>&\u2028\u2029]/);
    // Exactly two script elements open and two close: the payload opened none.
    expect(snippet.match(/<script/gi)).toHaveLength(2);
    expect(snippet.match(/<\/script/gi)).toHaveLength(2);
  });

  it("still carries exactly the original config when run", () => {
    const sandbox: Record<string, unknown> = {};
    sandbox.window = sandbox;
    runInNewContext(inlineScript(snippet), sandbox);
    const ya = sandbox.YourAgent as { q: { agentPublicId: string; config: unknown }[] };
    expect(ya.q).toHaveLength(1);
    expect(ya.q[0]?.agentPublicId).toBe(hostile.publicId);
    expect(ya.q[0]?.config).toEqual(snippetConfig(hostile));
    expect((ya.q[0]?.config as { welcome_message?: string } | undefined)?.welcome_message).toBe(
      hostile.widgetConfig.welcome_message,
    );
    expect(sandbox.__pwned).toBeUndefined();
  });

  it("serializeForScript round-trips through JSON.parse", () => {
    const v = { a: "</script>", b: "\u2028\u2029", c: "&<>", d: [1, null, true] };
    expect(JSON.parse(serializeForScript(v))).toEqual(v);
  });
});

describe("public widget view", () => {
  it("exposes exactly the display key set (a new field fails here on purpose)", () => {
    const view = toPublicWidget({ ...hostile, persona: { name: "Customer Support" } });
    expect(Object.keys(view).sort()).toEqual(["agent_id", "name", "persona_name", "widget_config"]);
    expect(Object.keys(view.widget_config).sort()).toEqual([...DISPLAY_WIDGET_KEYS].sort());
    // Spelled out in full: a key added to the display set must be added here too.
    expect(DISPLAY_WIDGET_KEYS.join(" ")).toBe(
      "theme position size animation branding sound_enabled typing_indicator quick_replies quick_reply_options welcome_message primary_color accent_color",
    );
  });
});
