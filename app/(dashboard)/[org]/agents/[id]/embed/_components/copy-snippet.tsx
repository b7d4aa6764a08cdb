"use client";

import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/** The snippet as text (React escapes it) and a copy button that confirms. */
export function CopySnippet({ snippet }: { snippet: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-2">
      {/* Wrapped, not scrolled: a scrolling block would need keyboard focus to be read. */}
      <pre className="whitespace-pre-wrap break-all rounded-md bg-slate-900 p-4 text-xs leading-relaxed text-slate-100">
        <code data-testid="embed-snippet">{snippet}</code>
      </pre>
      <div className="flex items-center gap-3">
        <Button
          variant="secondary"
          size="sm"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(snippet);
            } catch {
              // Clipboard blocked (e.g. no permission): select the text so Ctrl+C works.
              const code = document.querySelector('[data-testid="embed-snippet"]');
              if (code) window.getSelection()?.selectAllChildren(code);
            }
            setCopied(true);
            setTimeout(() => setCopied(false), 2500);
          }}
        >
          {copied ? <Check aria-hidden className="size-4" /> : <Copy aria-hidden className="size-4" />}
          {copied ? "Copied" : "Copy snippet"}
        </Button>
        <span aria-live="polite" className="text-sm text-green-700">
          {copied ? "Snippet copied to the clipboard." : ""}
        </span>
      </div>
    </div>
  );
}
