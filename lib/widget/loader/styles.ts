// The launcher's CSS, inside the Shadow DOM. `primary` is a validated #rrggbb or "".
export function launcherCss(primary: string): string {
  return `:host{all:initial;position:fixed;z-index:2147483000;font-family:system-ui,sans-serif}
:host(.bottom-right){right:20px;bottom:20px}:host(.bottom-left){left:20px;bottom:20px}
:host(.top-right){right:20px;top:20px}:host(.top-left){left:20px;top:20px}
:host{--c:${primary || "#4f46e5"};--f:#fff}
:host(.classic){--c:${primary || "#1f2937"}}:host(.dark){--c:${primary || "#111827"}}
:host(.minimal){--c:#fff;--f:${primary || "#111827"}}
.launcher{width:56px;height:56px;border-radius:50%;border:0;background:var(--c);color:var(--f);cursor:pointer;display:flex;align-items:center;justify-content:center;box-shadow:0 6px 20px rgba(0,0,0,.25);transition:transform .2s}
:host(.minimal) .launcher{border:1px solid #d1d5db}:host(.classic) .launcher{border-radius:12px}
:host(.small) .launcher{width:48px;height:48px}:host(.large) .launcher{width:64px;height:64px}
.launcher:hover{transform:scale(1.06)}
.launcher:focus-visible{outline:3px solid #93c5fd;outline-offset:3px}
.panel{position:absolute;width:370px;height:540px;max-width:calc(100vw - 40px);max-height:calc(100vh - 110px);border-radius:14px;overflow:hidden;background:#fff;box-shadow:0 12px 40px rgba(0,0,0,.3);animation:ya-in .25s ease-out}
:host(.small) .panel{width:320px;height:460px}:host(.large) .panel{width:420px;height:620px}
:host(.bottom-right) .panel,:host(.bottom-left) .panel{bottom:calc(100% + 14px)}
:host(.top-right) .panel,:host(.top-left) .panel{top:calc(100% + 14px)}
:host(.bottom-right) .panel,:host(.top-right) .panel{right:0}
:host(.bottom-left) .panel,:host(.top-left) .panel{left:0}
:host(.dark) .panel{background:#111827}
.panel[hidden]{display:none}
iframe{border:0;width:100%;height:100%;display:block}
:host(.anim-fade) .panel{animation-name:ya-fade}:host(.anim-none) .panel{animation:none}
@keyframes ya-in{from{opacity:0;transform:translateY(16px)}to{opacity:1;transform:none}}
@keyframes ya-fade{from{opacity:0}to{opacity:1}}
@media (prefers-reduced-motion:reduce){.panel,.launcher{animation:none!important;transition:none!important}}`;
}
