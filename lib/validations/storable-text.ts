import type { z } from "zod";
import { hasUnstorableText, TEXT_MESSAGE } from "@/lib/http/json-guard";

// Postgres cannot store U+0000 in text or jsonb, and jsonb rejects unpaired UTF-16 surrogates
// (JSON.parse happily produces both from "\u0000" / "\ud800" escapes). Catching them here turns
// what would be a database error (a 500) into a 422 on the exact field.

// A path is kept as a link to its parent: copying whole paths would cost depth² on deep input.
type Link = { key: string | number; parent: Link | null } | null;
const toPath = (link: Link): (string | number)[] => {
  const out: (string | number)[] = [];
  for (let l = link; l; l = l.parent) out.push(l.key);
  return out.reverse();
};

/** Paths of every unstorable string or key. Walks with its own stack: no input can overflow it. */
export function findUnstorableText(value: unknown): (string | number)[][] {
  const out: (string | number)[][] = [];
  // `key`: the frame's own key, checked when the frame is taken (document order: key, then value).
  type Frame = { v: unknown; at: Link; key?: string };
  const stack: Frame[] = [{ v: value, at: null }];
  while (stack.length > 0) {
    const { v, at, key } = stack.pop() as Frame;
    if (key !== undefined && hasUnstorableText(key)) out.push(toPath(at));
    if (typeof v === "string") {
      if (hasUnstorableText(v)) out.push(toPath(at));
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], at: { key: i, parent: at } });
    } else if (v && typeof v === "object") {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, child] = entries[i] as [string, unknown];
        stack.push({ v: child, at: { key: k, parent: at }, key: k });
      }
    }
  }
  return out;
}

/** A zod superRefine that reports every unstorable string (or key) at its own path. */
export function rejectUnstorableText(value: unknown, ctx: z.RefinementCtx) {
  for (const path of findUnstorableText(value)) {
    ctx.addIssue({ code: "custom", path, message: TEXT_MESSAGE });
  }
}
