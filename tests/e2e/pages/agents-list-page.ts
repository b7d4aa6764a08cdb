import { expect, type Page } from "@playwright/test";

/** The agents list: filters form, table (desktop) or cards (narrow), pagination. */
export class AgentsListPage {
  constructor(private readonly page: Page) {}

  get table() {
    return this.page.getByRole("table", { name: "Agents" });
  }

  get rows() {
    return this.table.locator("tbody tr");
  }

  get cards() {
    return this.page.getByRole("list", { name: "Agents" }).getByRole("listitem");
  }

  get summary() {
    return this.page.getByRole("navigation", { name: "Pagination" }).locator("p");
  }

  async goto(slug: string, query = "") {
    await this.page.goto(`/${slug}/agents${query}`);
  }

  async filter(opts: { q?: string; persona?: string; status?: string; size?: string }) {
    if (opts.q !== undefined) await this.page.getByLabel("Search by name").fill(opts.q);
    if (opts.persona !== undefined)
      await this.page.getByLabel("Persona").selectOption({ label: opts.persona });
    if (opts.status !== undefined)
      await this.page.getByLabel("Optimization").selectOption({ label: opts.status });
    if (opts.size !== undefined) await this.page.getByLabel("Per page").selectOption(opts.size);
    await this.page.getByRole("button", { name: "Apply" }).click();
  }

  async next() {
    await this.page.getByRole("link", { name: "Next" }).click();
  }

  async previous() {
    await this.page.getByRole("link", { name: "Previous" }).click();
  }

  async names(): Promise<string[]> {
    return this.rows.locator("td:first-child a").allTextContents();
  }

  async expectRowCount(n: number) {
    await expect(this.rows).toHaveCount(n);
  }
}
