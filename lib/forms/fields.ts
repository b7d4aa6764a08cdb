// Readers for the flat string fields a dashboard form posts, shared by every form mapper so
// each one says only which field goes where. A repeated field counts once: its last value.
export type RawForm = Record<string, string | string[] | undefined>;

/** The field's value; textareas' CRLF line breaks become LF (what the API stores). */
export function field(raw: RawForm, key: string): string | undefined {
  const v = raw[key];
  const one = Array.isArray(v) ? v[v.length - 1] : v;
  return one?.replace(/\r\n?/g, "\n");
}

/** The field's value as posted, without line-break normalisation. */
export function rawField(raw: RawForm, key: string): string | undefined {
  const v = raw[key];
  return Array.isArray(v) ? v[v.length - 1] : v;
}

export const blankToUndefined = (v: string | undefined) =>
  v === undefined || v.trim() === "" ? undefined : v;
export const blankToNull = (v: string | undefined) => (v === undefined || v.trim() === "" ? null : v);

/** A checkbox: present as "on" (or "true") when ticked. */
export const checked = (raw: RawForm, key: string) => {
  const v = rawField(raw, key);
  return v === "on" || v === "true";
};

/** A one-per-line textarea: trimmed, blank lines dropped. */
export const lines = (v: string | undefined) =>
  (v ?? "")
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
