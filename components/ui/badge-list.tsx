import { Badge } from "./badge";

/** A row of brand badges for a short list of names (a key's scopes, an endpoint's events). */
export function BadgeList({ items }: { items: readonly string[] }) {
  return (
    <div className="flex flex-wrap gap-1">
      {items.map((item) => (
        <Badge key={item} tone="brand">
          {item}
        </Badge>
      ))}
    </div>
  );
}
