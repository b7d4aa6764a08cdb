import { describe, expect, it } from "vitest";
import { agentFormSchema } from "@/lib/validations/agent-form";

// The dashboard form's flat strings → the API's create body, validated by the same schema.

/** Every field of the new-agent form as the browser posts it. */
const FILLED_FORM = {
  name: "  Helper ",
  description: "",
  industry: "retail",
  persona: "support",
  system_prompt: "",
  welcome_message: "Hello\r\nthere",
  knowledge_pack_id: "",
  theme: "dark",
  position: "top-left",
  size: "large",
  animation: "fade",
  primary_color: "#112233",
  accent_color: "#445566",
  quick_replies: "on",
  quick_reply_options: "Track order\n\n  Returns  \n",
  typing_indicator: "on",
  custom_css: "",
  allowed_origins: "https://a.example\r\nhttps://b.example:8443\n",
  auto_optimize: "on",
  idempotency_key: "form-1",
};

describe("agentFormSchema", () => {
  it("maps checkboxes, lines and blanks onto the create body", () => {
    const parsed = agentFormSchema.parse(FILLED_FORM);
    expect(parsed).toMatchObject({
      name: "Helper",
      industry: "retail",
      persona: "support",
      auto_optimize: true,
      idempotency_key: "form-1",
      allowed_origins: ["https://a.example", "https://b.example:8443"],
      widget_config: {
        theme: "dark",
        position: "top-left",
        size: "large",
        animation: "fade",
        branding: false,
        sound_enabled: false,
        typing_indicator: true,
        quick_replies: true,
        quick_reply_options: ["Track order", "Returns"],
        welcome_message: "Hello\nthere",
        custom_css: null,
        primary_color: "#112233",
      },
    });
    expect(parsed.system_prompt).toBeUndefined();
    expect(parsed.knowledge_pack_id).toBeUndefined();
  });

  it("reports errors at the API's paths, and ignores fields the form does not have", () => {
    const result = agentFormSchema.safeParse({
      name: "",
      theme: "neon",
      allowed_origins: "https://ok.example\nftp://bad.example/path",
      organization_id: "someone-else",
      optimization_status: "succeeded",
    });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["name", "widget_config.theme", "allowed_origins.1"]));
    expect(paths.some((p) => p.includes("organization_id") || p.includes("optimization_status"))).toBe(false);
    const ok = agentFormSchema.parse({ name: "x", organization_id: "someone-else" });
    expect(ok).not.toHaveProperty("organization_id");
    expect(ok.auto_optimize).toBe(false);
  });
});
