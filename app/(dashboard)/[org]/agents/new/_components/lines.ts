/** One entry per non-blank line (allowed origins, quick replies). */
export const splitLines = (v: string | undefined) =>
  (v ?? "")
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
