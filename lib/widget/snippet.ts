import { appUrl } from "@/lib/env";
import { toDisplayWidgetConfig } from "./display-config";

/**
 * JSON made safe inside an inline <script>: `<`, `>` and `&` cannot close the element or
 * open a comment, and U+2028/U+2029 cannot end a line in older JS parsers. The result is
 * still valid JSON and a valid JS expression that evaluates to the same value.
 */
export function serializeForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => {
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}

function escapeAttribute(s: string): string {
  return s.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function widgetScriptUrl(base = appUrl()): string {
  return `${base.replace(/\/$/, "")}/widget.js`;
}

/** The config pasted in the snippet: the agent's name plus its display fields, nothing else. */
export function snippetConfig(agent: { name: string; widgetConfig: Record<string, unknown> }) {
  return { name: agent.name, ...toDisplayWidgetConfig(agent.widgetConfig) };
}

/** The embed snippet in the product's established shape (see ARCHITECTURE.md "Embed and chat"). */
export function buildEmbedSnippet(
  agent: { publicId: string; name: string; widgetConfig: Record<string, unknown> },
  base = appUrl(),
  nonce?: string,
): string {
  const scriptUrl = widgetScriptUrl(base);
  const init = serializeForScript({ agentPublicId: agent.publicId, config: snippetConfig(agent) });
  return [
    `<script src="${escapeAttribute(scriptUrl)}" async></script>`,
    nonce ? `<script nonce="${escapeAttribute(nonce)}">` : "<script>",
    "  window.YourAgent = window.YourAgent || { q: [], init: function (o) { this.q.push(o) } };",
    `  YourAgent.init(${init});`,
    "</script>",
  ].join("\n");
}
