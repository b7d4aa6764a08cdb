// Server-rendered dates in UTC so the output does not depend on the server's time zone.
const DATE = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
const DATE_TIME = new Intl.DateTimeFormat("en-US", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

export function formatDate(d: Date): string {
  return DATE.format(d);
}

export function formatDateTime(d: Date): string {
  return `${DATE_TIME.format(d)} UTC`;
}

/** "just now", "5 min ago", "3 h ago", else the date. */
export function formatRelative(d: Date, now = new Date()): string {
  const s = Math.round((now.getTime() - d.getTime()) / 1000);
  if (s < 60) return "just now";
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return formatDate(d);
}
