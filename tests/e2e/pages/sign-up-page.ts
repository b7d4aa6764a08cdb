import { expect, type Page } from "@playwright/test";

export class SignUpPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/sign-up");
    await expect(this.page.getByRole("heading", { name: "Create your account" })).toBeVisible();
  }

  async fill(values: { name: string; email: string; password: string; organizationName: string }) {
    await this.page.getByLabel("Your name").fill(values.name);
    await this.page.getByLabel("Work email").fill(values.email);
    await this.page.getByLabel("Password").fill(values.password);
    await this.page.getByLabel("Organization name").fill(values.organizationName);
  }

  async submit() {
    await this.page.getByRole("button", { name: "Create account" }).click();
  }
}
