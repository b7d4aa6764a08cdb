import { describe, expect, it } from "vitest";
import { classifyAddress, isLocalName, parseAddress } from "@/lib/egress/address";
import { EgressBlocked, EgressFailed, vetTarget } from "@/lib/egress/target";

// Promise 30: every special-purpose range in every textual form, as a URL host would carry it.
const BLOCKED_HOSTS = [
  // IPv4 loopback in every form inet_aton and the URL parser accept
  "127.0.0.1",
  "127.1",
  "127.0.1",
  "0x7f.1",
  "0x7f000001",
  "2130706433",
  "0177.0.0.1",
  "017700000001",
  "0x7f.0x0.0x0.0x1",
  "127.255.255.254",
  // the rest of RFC 6890's IPv4 table
  "0.0.0.0",
  "0",
  "10.0.0.1",
  "012.0.0.1",
  "172.16.0.1",
  "172.31.255.255",
  "192.168.1.1",
  "169.254.169.254",
  "0xa9fea9fe",
  "100.64.0.1",
  "192.0.0.8",
  "192.0.2.1",
  "198.18.0.1",
  "198.51.100.7",
  "203.0.113.9",
  "224.0.0.1",
  "239.255.255.250",
  "240.0.0.1",
  "255.255.255.255",
  "192.88.99.1",
  // IPv6 and IPv4 carried inside IPv6
  "[::1]",
  "[::]",
  "[::ffff:7f00:1]",
  "[::ffff:127.0.0.1]",
  "[::ffff:0.0.0.0]",
  "[::ffff:a9fe:a9fe]",
  "[::ffff:169.254.169.254]",
  "[::ffff:10.0.0.1]",
  "[::7f00:1]",
  "[::127.0.0.1]",
  "[::ffff:0:7f00:1]",
  "[64:ff9b::a9fe:a9fe]",
  "[64:ff9b::127.0.0.1]",
  "[64:ff9b::808:808]",
  "[64:ff9b:1::a00:1]",
  "[2002:7f00:1::]",
  "[2002:a00:1::1]",
  "[2001::1]",
  "[2001:0:4136:e378:8000:63bf:3fff:fdd2]",
  "[fec0::1]",
  "[fe80::1]",
  "[febf::1]",
  "[fc00::1]",
  "[fd12:3456::1]",
  "[ff02::1]",
  "[100::1]",
  "[2001:db8::1]",
  "[2001:2::1]",
  "[2001:10::1]",
  "[3fff::1]",
  "[5f00::1]",
  "[::2]",
  // names that mean this machine
  "localhost",
  "localhost.",
  "LOCALHOST",
  "api.localhost",
  "x.localhost.",
];

const PUBLIC_HOSTS = [
  "8.8.8.8",
  "1.1.1.1",
  "172.32.0.1",
  "192.169.0.1",
  "100.128.0.1",
  "[2606:4700::1111]",
  "[2a00:1450:4001::1]",
  "[::ffff:1.1.1.1]",
];

describe("egress guard: address forms", () => {
  it("covers at least 40 blocked forms", () => expect(BLOCKED_HOSTS.length).toBeGreaterThanOrEqual(40));

  it.each(BLOCKED_HOSTS)("blocks http://%s/ without resolving it", async (host) => {
    const resolve = async () => {
      throw new Error("a literal or local name must not be resolved");
    };
    const err = await vetTarget(`http://${host}/hook`, { resolve }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EgressBlocked);
    expect((err as Error).message).toMatch(/^Blocked: /);
  });

  it.each(PUBLIC_HOSTS)("allows http://%s/", async (host) => {
    const target = await vetTarget(`https://${host}/hook`);
    expect(target.addresses).toHaveLength(1);
  });

  it("allows a private literal only when the caller allows it, and pins that address", async () => {
    const t = await vetTarget("http://127.1:8080/", { allowPrivate: true });
    expect(t.addresses).toEqual([{ address: "127.0.0.1", family: 4 }]);
    const t6 = await vetTarget("http://[::1]/", { allowPrivate: true });
    expect(t6.addresses).toEqual([{ address: "::1", family: 6 }]);
    const named = await vetTarget("http://localhost/", {
      allowPrivate: true,
      resolve: async () => [{ address: "127.0.0.1", family: 4 }],
    });
    expect(named.addresses).toEqual([{ address: "127.0.0.1", family: 4 }]);
  });
});

describe("egress guard: names", () => {
  const answer =
    (...addresses: string[]) =>
    async () =>
      addresses.map((address) => ({ address, family: (address.includes(":") ? 6 : 4) as 4 | 6 }));

  it("blocks a name when any answer is private, naming the range but not the address", async () => {
    for (const [addr, range] of [
      ["10.1.2.3", "private"],
      ["169.254.169.254", "linkLocal"],
      ["::ffff:127.0.0.1", "loopback"],
      ["fe80::1%eth0", "scoped (zone id)"],
      ["fec0::1", "deprecatedSiteLocal"],
    ] as const) {
      const err = await vetTarget("https://hooks.example.com/x", {
        resolve: answer("93.184.216.34", addr),
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(EgressBlocked);
      expect((err as Error).message).toBe(
        `Blocked: the host name resolves to a range that cannot be called (${range}).`,
      );
      expect((err as Error).message).not.toContain(addr.split("%")[0]!);
    }
  });

  it("passes public answers through as the only addresses to use", async () => {
    const t = await vetTarget("https://hooks.example.com/x", {
      resolve: answer("93.184.216.34", "2606:2800::1"),
    });
    expect(t.addresses).toEqual([
      { address: "93.184.216.34", family: 4 },
      { address: "2606:2800::1", family: 6 },
    ]);
  });

  it("a name that does not resolve, or has no answer, is a failed attempt, not a block", async () => {
    const nx = await vetTarget("https://nx.example.com/", {
      resolve: async () => {
        throw Object.assign(new Error("getaddrinfo ENOTFOUND nx.example.com"), { code: "ENOTFOUND" });
      },
    }).catch((e: unknown) => e);
    expect(nx).toBeInstanceOf(EgressFailed);
    expect((nx as Error).message).toBe("The host name could not be resolved (ENOTFOUND).");
    const odd = await vetTarget("https://nx.example.com/", {
      resolve: async () => {
        throw Object.assign(new Error("x"), { code: "weird 10.0.0.1" });
      },
    }).catch((e: unknown) => e);
    expect((odd as Error).message).toBe("The host name could not be resolved (unknown error).");
    const empty = await vetTarget("https://e.example.com/", { resolve: async () => [] }).catch(
      (e: unknown) => e,
    );
    expect(empty).toBeInstanceOf(EgressFailed);
    expect((empty as Error).message).toBe("The host name has no addresses.");
  });

  it("refuses other schemes and unparsable URLs", async () => {
    for (const url of ["ftp://example.com/", "file:///etc/passwd", "gopher://x/", "not a url"]) {
      const err = await vetTarget(url).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(EgressBlocked);
    }
    expect(((await vetTarget("not a url").catch((e: Error) => e)) as Error).message).toBe(
      "Blocked: the URL is not valid.",
    );
    expect(((await vetTarget("ftp://x.test/").catch((e: Error) => e)) as Error).message).toBe(
      "Blocked: only http and https URLs can be called.",
    );
  });
});

describe("classifyAddress and helpers", () => {
  it("names ranges and accepts only global unicast", () => {
    expect(classifyAddress("127.0.0.1")).toEqual({ allowed: false, range: "loopback" });
    expect(classifyAddress("::ffff:7f00:1")).toEqual({ allowed: false, range: "loopback" });
    expect(classifyAddress("::7f00:1")).toEqual({ allowed: false, range: "not global unicast" });
    expect(classifyAddress("nonsense")).toEqual({ allowed: false, range: "not an address" });
    expect(classifyAddress("fe80::1%25eth0")).toEqual({ allowed: false, range: "scoped (zone id)" });
    expect(classifyAddress("8.8.8.8")).toEqual({ allowed: true });
    expect(classifyAddress("2606:4700::1111")).toEqual({ allowed: true });
    expect(classifyAddress("[2606:4700::1111]")).toEqual({ allowed: true });
  });

  it("parses brackets and inet_aton forms; knows localhost names", () => {
    expect(parseAddress("[::1]")?.toString()).toBe("::1");
    expect(parseAddress("0x7f.1")?.toString()).toBe("127.0.0.1");
    expect(parseAddress("[::1")).toBeUndefined();
    expect(parseAddress("example.com")).toBeUndefined();
    expect(isLocalName("LocalHost.")).toBe(true);
    expect(isLocalName("a.b.localhost")).toBe(true);
    expect(isLocalName("localhost.example.com")).toBe(false);
    expect(isLocalName("notlocalhost")).toBe(false);
  });
});
