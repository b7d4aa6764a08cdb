import ipaddr from "ipaddr.js";

// Which addresses a server-side fetch may connect to. Only ordinary global unicast passes:
// every special-purpose range (RFC 6890 and its successors, as ipaddr.js knows them) is refused,
// and so is every IPv6 form that reaches an IPv4 address through a translator (compatible, NAT64,
// 6to4, Teredo); an IPv4-mapped address is judged as the IPv4 address it is.

export type AddressVerdict = { allowed: true } | { allowed: false; range: string };

const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parse("2000::");

/** The textual forms inet_aton and URL parsers accept (127.1, 0x7f.1, 2130706433, 0177.0.0.1). */
export function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  const bare = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  return ipaddr.isValid(bare) ? ipaddr.parse(bare) : undefined;
}

/** Whether a connection to this literal address is allowed, and if not, the range's name. */
export function classifyAddress(text: string): AddressVerdict {
  if (text.includes("%")) return { allowed: false, range: "scoped (zone id)" };
  const parsed = parseAddress(text);
  if (!parsed) return { allowed: false, range: "not an address" };
  // ::ffff:a.b.c.d is the v4 address itself to the socket layer: judge it as that address.
  const addr =
    parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()
      ? (parsed as ipaddr.IPv6).toIPv4Address()
      : parsed;
  const range = addr.range();
  if (range !== "unicast") return { allowed: false, range };
  if (addr.kind() === "ipv6" && !(addr as ipaddr.IPv6).match(GLOBAL_UNICAST_V6, 3)) {
    // ::/96 IPv4-compatible, fec0::/10 and the rest outside 2000::/3 that ipaddr.js calls unicast.
    return { allowed: false, range: "not global unicast" };
  }
  return { allowed: true };
}

/** Names that always mean this machine (RFC 6761), whatever a resolver says. */
export function isLocalName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, "");
  return name === "localhost" || name.endsWith(".localhost");
}
