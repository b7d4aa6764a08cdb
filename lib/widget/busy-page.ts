import { TOO_MANY_CHATS } from "./ip-limits";

// The embed page's answer past the per-IP session limit: a calm, self-contained page in the
// widget's frame (no script, no token), which the visitor can reload after a minute. Its one
// <style> carries this response's CSP nonce, like every inline element the app serves.
const NONCE = /^[A-Za-z0-9+/]{16,}={0,2}$/;

export function tooManyChatsPage(nonce: string): string {
  const attr = NONCE.test(nonce) ? ` nonce="${nonce}"` : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Chat is busy</title>
<style${attr}>body{margin:0;font:15px/1.5 system-ui,sans-serif;color:#1f2937;background:#fff;display:flex;min-height:100vh;align-items:center;justify-content:center;text-align:center}main{padding:24px;max-width:320px}h1{font-size:17px;margin:0 0 8px}</style>
</head><body><main><h1>Just a moment</h1><p role="status">${TOO_MANY_CHATS}</p></main></body></html>`;
}
