import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The static files in public/ are real images of the sizes the page metadata and the manifest
// announce; a truncated or mislabelled file fails here rather than in a browser tab.
const root = path.resolve(import.meta.dirname, "../..");
const read = (name: string) => readFileSync(path.join(root, "public", name));

function pngSize(buf: Buffer) {
  expect(buf.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  expect(buf.subarray(12, 16).toString("latin1")).toBe("IHDR");
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

describe("public/", () => {
  it("favicon.ico is an icon directory with 16, 32 and 48 px images inside the file", () => {
    const ico = read("favicon.ico");
    expect(ico.readUInt16LE(0)).toBe(0); // reserved
    expect(ico.readUInt16LE(2)).toBe(1); // 1 = icon
    const count = ico.readUInt16LE(4);
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      const entry = 6 + 16 * i;
      const size = ico.readUInt8(entry) || 256;
      const bytes = ico.readUInt32LE(entry + 8);
      const offset = ico.readUInt32LE(entry + 12);
      expect(offset + bytes).toBeLessThanOrEqual(ico.length);
      // Each image is a 32-bit DIB of its announced size (height doubled for the AND mask).
      expect(ico.readUInt32LE(offset)).toBe(40);
      expect(ico.readInt32LE(offset + 4)).toBe(size);
      expect(ico.readInt32LE(offset + 8)).toBe(size * 2);
      expect(ico.readUInt16LE(offset + 14)).toBe(32);
      sizes.push(size);
    }
    expect(sizes).toEqual([16, 32, 48]);
  });

  it("the PNG icons have the sizes the manifest names", () => {
    const manifest = JSON.parse(read("manifest.webmanifest").toString("utf8")) as {
      icons: { src: string; type: string; sizes: string }[];
    };
    for (const icon of manifest.icons) {
      expect(existsSync(path.join(root, "public", icon.src)), icon.src).toBe(true);
      if (icon.type !== "image/png") continue;
      const { width, height } = pngSize(read(icon.src));
      expect(`${width}x${height}`).toBe(icon.sizes);
    }
    expect(pngSize(read("apple-touch-icon.png"))).toEqual({ width: 180, height: 180 });
  });

  it("icon.svg is a square SVG in the brand colour", () => {
    const svg = read("icon.svg").toString("utf8");
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 64 64">/);
    expect(svg).toContain('fill="#4f46e5"');
    expect(svg.trim().endsWith("</svg>")).toBe(true);
  });
});
