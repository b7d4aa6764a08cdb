import { expect, test } from "../fixtures/axe-pages";

// public/ through the production server: the icons the page head links to, and the widget
// loader that `npm run build` writes next to them.
test("favicon, app icons, manifest and widget.js are served from public/", async ({ request, page }) => {
  const expected: [string, RegExp][] = [
    ["/favicon.ico", /^image\/(x-icon|vnd\.microsoft\.icon)/],
    ["/icon.svg", /^image\/svg\+xml/],
    ["/apple-touch-icon.png", /^image\/png/],
    ["/icon-512.png", /^image\/png/],
    ["/manifest.webmanifest", /^application\/manifest\+json/],
    ["/widget.js", /javascript/],
  ];
  for (const [path, type] of expected) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(200);
    expect(res.headers()["content-type"], path).toMatch(type);
    expect((await res.body()).length, path).toBeGreaterThan(100);
  }
  await page.goto("/sign-in");
  await expect(page.locator('head link[rel="icon"][href^="/favicon.ico"]')).toHaveCount(1);
  await expect(page.locator('head link[rel="icon"][href^="/icon.svg"]')).toHaveCount(1);
  await expect(page.locator('head link[rel="apple-touch-icon"][href^="/apple-touch-icon.png"]')).toHaveCount(
    1,
  );
  await expect(page.locator('head link[rel="manifest"][href="/manifest.webmanifest"]')).toHaveCount(1);
});
