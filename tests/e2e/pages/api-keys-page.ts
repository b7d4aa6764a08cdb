import { expect, type Page } from "@playwright/test";

export class ApiKeysPage {
  constructor(private readonly page: Page) {}

  async goto(org: string) {
    await this.page.goto(`/${org}/settings/api-keys`);
    await expect(this.page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
  }

  async create(name: string, scopes: ("agents:read" | "agents:write")[]) {
    await this.page.getByLabel("Name").fill(name);
    for (const scope of ["agents:read", "agents:write"] as const) {
      const box = this.page.getByRole("checkbox", { name: scope });
      if (scopes.includes(scope)) await box.check();
      else await box.uncheck();
    }
    await this.page.getByRole("button", { name: "Create API key" }).click();
  }

  get newSecret() {
    return this.page.getByTestId("new-key-secret");
  }

  row(name: string) {
    return this.page.getByRole("table", { name: "API keys" }).getByRole("row").filter({ hasText: name });
  }

  async revoke(name: string) {
    const row = this.row(name);
    await row.getByRole("button", { name: `Revoke ${name}` }).click();
    await row.getByRole("button", { name: "Confirm revoke" }).click();
  }
}
