// Plain CSS with stable `ya-` class names, so an agent's custom CSS can target them.
export const CHAT_CSS = `html,body{margin:0;height:100%;background:transparent}
.ya-chat{--ya-primary:#4f46e5;--ya-bg:#fff;--ya-fg:#111827;--ya-muted:#6b7280;--ya-bubble:#f3f4f6;--ya-border:#e5e7eb;display:flex;flex-direction:column;height:100vh;background:var(--ya-bg);color:var(--ya-fg);font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif}
.ya-chat.ya-dark{--ya-bg:#111827;--ya-fg:#f9fafb;--ya-muted:#9ca3af;--ya-bubble:#1f2937;--ya-border:#374151}
.ya-header{display:flex;align-items:center;gap:10px;padding:12px 14px;background:var(--ya-primary);color:#fff}
.ya-header-text{flex:1;min-width:0}
.ya-title{margin:0;font-size:15px;font-weight:600;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.ya-subtitle{margin:0;font-size:12px;opacity:.85}
.ya-close{background:transparent;border:0;color:#fff;font-size:20px;line-height:1;cursor:pointer;padding:4px 8px;border-radius:6px}
.ya-close:focus-visible,.ya-send:focus-visible,.ya-quick button:focus-visible{outline:3px solid #93c5fd;outline-offset:2px}
.ya-log{flex:1;overflow-y:auto;padding:14px;display:flex;flex-direction:column;gap:8px}
.ya-msg{max-width:85%;padding:8px 12px;border-radius:14px;white-space:pre-wrap;overflow-wrap:anywhere}
.ya-msg-assistant{align-self:flex-start;background:var(--ya-bubble);border-bottom-left-radius:4px}
.ya-msg-user{align-self:flex-end;background:var(--ya-primary);color:#fff;border-bottom-right-radius:4px}
.ya-typing{align-self:flex-start;display:flex;gap:4px;padding:10px 12px;background:var(--ya-bubble);border-radius:14px}
.ya-typing span{width:6px;height:6px;border-radius:50%;background:var(--ya-muted);animation:ya-blink 1.2s infinite}
.ya-typing span:nth-child(2){animation-delay:.2s}.ya-typing span:nth-child(3){animation-delay:.4s}
@keyframes ya-blink{0%,80%,100%{opacity:.3}40%{opacity:1}}
.ya-quick{border:0;margin:0;min-width:0;display:flex;flex-wrap:wrap;gap:6px;padding:0 14px 8px}
.ya-quick button{border:1px solid var(--ya-primary);color:var(--ya-primary);background:transparent;border-radius:999px;padding:5px 10px;cursor:pointer;font:inherit}
.ya-dark .ya-quick button{color:#c7d2fe;border-color:#6366f1}
.ya-notice{margin:0 14px 8px;padding:8px 10px;border-radius:8px;background:#fef3c7;color:#78350f;font-size:13px}
.ya-form{display:flex;gap:8px;padding:10px;border-top:1px solid var(--ya-border)}
.ya-input{flex:1;resize:none;border:1px solid var(--ya-border);border-radius:10px;padding:8px 10px;font:inherit;background:var(--ya-bg);color:var(--ya-fg)}
.ya-input:focus{outline:2px solid var(--ya-primary);outline-offset:0}
.ya-send{border:0;border-radius:10px;padding:0 14px;background:var(--ya-primary);color:#fff;font-weight:600;cursor:pointer}
.ya-send:disabled{opacity:.5;cursor:default}
.ya-branding{text-align:center;font-size:11px;color:var(--ya-muted);padding:0 0 8px}
.ya-branding a{color:inherit}
.ya-new{background:rgba(255,255,255,.15);border:1px solid rgba(255,255,255,.5);color:#fff;border-radius:6px;padding:3px 8px;font:inherit;font-size:12px;cursor:pointer}
.ya-feedback{display:flex;flex-wrap:wrap;align-items:center;gap:4px;margin-top:6px;white-space:normal}
.ya-feedback>button{display:inline-flex;align-items:center;color:inherit;background:transparent;border:1px solid var(--ya-border);border-radius:6px;padding:1px 6px;cursor:pointer;font-size:13px}
.ya-feedback>button[aria-pressed=true]{border-color:var(--ya-primary);background:var(--ya-bg)}
.ya-comment{display:flex;gap:4px;flex:1;min-width:150px}
.ya-comment input{flex:1;min-width:0;border:1px solid var(--ya-border);border-radius:6px;padding:2px 6px;font:inherit;font-size:12px;background:var(--ya-bg);color:var(--ya-fg)}
.ya-comment button{border:0;border-radius:6px;padding:2px 8px;background:var(--ya-primary);color:#fff;font-size:12px;cursor:pointer}
.ya-feedback-status{font-size:12px;color:var(--ya-fg)}
.ya-new:focus-visible,.ya-feedback button:focus-visible{outline:3px solid #93c5fd;outline-offset:2px}
.ya-sources{margin-top:6px;font-size:12px;white-space:normal;color:var(--ya-fg)}
.ya-sources ul{margin:2px 0 0;padding-left:16px}
.ya-sources a{color:inherit;text-decoration:underline}
.ya-sources-label{font-weight:600}
.ya-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
@media (prefers-reduced-motion:reduce){.ya-typing span{animation:none;opacity:.7}}`;
