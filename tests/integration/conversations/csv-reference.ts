// The CSV rules written out in JavaScript, as the reference the export's SQL
// (db/queries/conversation-export.ts, the only definition the product runs) is held to.

/**
 * One RFC 4180 field: quoted when it holds a quote, comma or line break. A cell a spreadsheet
 * would run as a formula (= + - @, tab, CR) gets a leading apostrophe first.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  let s = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function csvLine(values: (string | number | null)[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}
