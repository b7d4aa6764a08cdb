// widget.js: the host-page loader. Dependency-free and small (budget: 3 KB gzipped).
// Works whether it runs before or after the snippet's inline `YourAgent.init(...)`: it drains
// the stub's queue and replaces `init`. Draws a launcher in a Shadow DOM (host styles cannot
// leak in, ours cannot leak out), fetches the server's current config (it wins over the
// pasted one), and opens the chat iframe on first click. All text goes through textContent
// or attributes, never innerHTML.
// Visitor identity: the site's signed token (init's identityToken, identify(), logout()) is kept
// in this closure and handed to the chat iframe only by postMessage to the app's exact origin,
// when the iframe asks for it (`youragent:ready`): never in a URL, an attribute or a log.
import { launcherCss } from "./styles";

type Cfg = {
  name?: string;
  theme?: string;
  position?: string;
  size?: string;
  animation?: string;
  primary_color?: string | null;
};
type InitOptions = { agentPublicId?: unknown; config?: Cfg; identityToken?: unknown };
type Stub = {
  q?: InitOptions[];
  init?: (o: InitOptions) => void;
  identify?: (token: unknown) => void;
  logout?: () => void;
};

const w = window as unknown as { YourAgent?: Stub };
const doc = document;
const current = doc.currentScript as HTMLScriptElement | null;
const scriptSrc =
  current?.src ||
  Array.from(doc.querySelectorAll<HTMLScriptElement>("script[src]"))
    .map((s) => s.src)
    .filter((s) => /\/widget\.js(\?|#|$)/.test(s))[0] ||
  "";
// The app origin is wherever this script was served from: the snippet carries no host.
const ORIGIN = new URL(scriptSrc, location.href).origin;
const mounted: Record<string, 1> = {};
let identity: string | null = null;
// One poster per open chat iframe: identify()/logout() reach every mounted widget.
const posters: ((m: { type: string; token?: string | null }) => void)[] = [];
const setIdentity = (t: unknown) => {
  identity = typeof t === "string" && t ? t : null;
  for (const post of posters) post({ type: "youragent:identity", token: identity });
};
const ICON_CHAT =
  '<svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z"/></svg>';
const ICON_CLOSE =
  '<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"><path d="M18 6 6 18M6 6l12 12"/></svg>';

const pick = (v: unknown, allowed: string[], d: string) =>
  typeof v === "string" && allowed.indexOf(v) >= 0 ? v : d;
const isColor = (v: unknown): v is string => typeof v === "string" && /^#[0-9a-fA-F]{6}$/.test(v);

function mount(opts: InitOptions) {
  const id = opts.agentPublicId;
  if (typeof id !== "string" || !/^[0-9a-f-]{36}$/i.test(id) || mounted[id]) return;
  mounted[id] = 1;
  if (opts.identityToken !== undefined) setIdentity(opts.identityToken);
  let cfg: Cfg = opts.config || {};
  let open = false;
  let frame: HTMLIFrameElement | undefined;

  const host = doc.createElement("div");
  host.setAttribute("data-youragent", id);
  const root = host.attachShadow({ mode: "open" });
  const style = doc.createElement("style");
  const panel = doc.createElement("div");
  panel.className = "panel";
  panel.id = "ya-panel";
  panel.setAttribute("role", "dialog");
  panel.hidden = true;
  const button = doc.createElement("button");
  button.type = "button";
  button.className = "launcher";
  button.setAttribute("aria-controls", "ya-panel");
  root.append(style, panel, button);

  function render() {
    const size = pick(cfg.size, ["small", "medium", "large"], "medium");
    const pos = pick(cfg.position, ["bottom-right", "bottom-left", "top-right", "top-left"], "bottom-right");
    const theme = pick(cfg.theme, ["modern", "classic", "minimal", "dark"], "modern");
    const anim = pick(cfg.animation, ["slide-up", "fade", "none"], "slide-up");
    root.host.setAttribute("class", `ya ${theme} ${size} ${pos} anim-${anim}${open ? " open" : ""}`);
    style.textContent = launcherCss(isColor(cfg.primary_color) ? cfg.primary_color : "");
    const name = typeof cfg.name === "string" && cfg.name ? cfg.name : "us";
    button.setAttribute("aria-label", open ? `Close chat with ${name}` : `Open chat with ${name}`);
    button.setAttribute("aria-expanded", String(open));
    button.innerHTML = open ? ICON_CLOSE : ICON_CHAT; // constant markup, no user text
    panel.setAttribute("aria-label", `Chat with ${name}`);
    if (frame) frame.title = `Chat with ${name}`;
  }

  function show() {
    open = true;
    if (!frame) {
      // Lazy: nothing of the chat loads until the visitor asks for it.
      frame = doc.createElement("iframe");
      // The fragment only says a token is coming (so the chat waits for it); never the token.
      frame.src = `${ORIGIN}/embed/${encodeURIComponent(id as string)}${identity ? "#identity" : ""}`;
      const f = frame;
      posters.push((m) => f.contentWindow?.postMessage(m, ORIGIN));
      frame.setAttribute("allow", "autoplay");
      frame.addEventListener("load", () => open && focusChat());
      panel.append(frame);
    }
    panel.hidden = false;
    render();
    focusChat();
  }

  function focusChat() {
    frame?.focus();
    frame?.contentWindow?.postMessage({ type: "youragent:focus" }, ORIGIN);
  }

  function hide() {
    if (!open) return;
    open = false;
    panel.hidden = true;
    render();
    button.focus();
  }

  button.addEventListener("click", () => (open ? hide() : show()));
  doc.addEventListener("keydown", (e) => e.key === "Escape" && hide());
  // Esc inside the iframe does not reach this document: the chat page posts it to us.
  window.addEventListener("message", (e) => {
    if (e.origin !== ORIGIN || !frame || e.source !== frame.contentWindow) return;
    if (e.data && e.data.type === "youragent:close") hide();
    if (e.data && e.data.type === "youragent:ready")
      frame.contentWindow?.postMessage({ type: "youragent:identity", token: identity }, ORIGIN);
  });

  render();
  const attach = () => doc.body.append(host);
  if (doc.body) attach();
  else doc.addEventListener("DOMContentLoaded", attach);

  fetch(`${ORIGIN}/api/widget/config/${encodeURIComponent(id)}`, { credentials: "omit" })
    .then((r) => {
      // Unknown, disabled or rotated id: the old snippet stops showing anything.
      if (r.status === 404) {
        host.remove();
        return;
      }
      return r.ok ? r.json() : undefined;
    })
    .then((d) => {
      if (d?.widget_config) {
        cfg = { ...d.widget_config, name: d.name };
        render();
      }
    })
    .catch(() => {});
}

const existing = w.YourAgent || {};
const queued = existing.q || [];
existing.init = mount;
existing.identify = setIdentity;
existing.logout = () => {
  identity = null;
  for (const post of posters) post({ type: "youragent:logout" });
};
existing.q = [];
w.YourAgent = existing;
for (const o of queued) mount(o);
