import { test } from "../fixtures/axe-pages";
import { ownerOpensNewAgent } from "../fixtures/e2e-agent";

test("probe: html[data-hydrated] comes after the edit form is enabled", async ({ page }) => {
  const { o, publicId } = await ownerOpensNewAgent(page, "Probe", "You help.");
  const seen: string[] = [];
  for (let i = 0; i < 15; i++) {
    await page.goto(`/${o.slug}/agents/${publicId}`, { waitUntil: "commit" });
    await page.waitForSelector("html[data-hydrated]", { state: "attached", timeout: 15_000 });
    seen.push(String(await page.evaluate(() => !!document.querySelector("fieldset[disabled]"))));
  }
  console.log("PROBE disabled-after-marker:", seen.join(","));
});
