import { expect, type Page } from "@playwright/test";

/** The org layout: header with org name/switcher, main nav, sign-out. */
export class DashboardShell {
  constructor(private readonly page: Page) {}

  get nav() {
    return this.page.getByRole("navigation", { name: "Main" });
  }

  async open(section: "Agents" | "Knowledge packs" | "API keys" | "Webhooks" | "Activity" | "Settings") {
    await this.nav.getByRole("link", { name: section, exact: true }).click();
  }

  async switchOrganization(name: string) {
    await this.page
      .getByText(/Switch organization/)
      .or(this.page.locator("summary"))
      .first()
      .click();
    await this.page.getByRole("link", { name }).click();
  }

  async signOut() {
    await this.page.getByRole("button", { name: "Sign out" }).click();
    await expect(this.page).toHaveURL(/\/sign-in/);
  }
}
