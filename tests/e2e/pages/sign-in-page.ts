import { expect, type Page } from "@playwright/test";

export class SignInPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/sign-in");
    await expect(this.heading).toBeVisible();
  }

  get heading() {
    return this.page.getByRole("heading", { name: "Sign in to your account" });
  }
  get email() {
    return this.page.getByLabel("Email");
  }
  get password() {
    return this.page.getByLabel("Password");
  }
  get error() {
    // Scoped to the form: Next.js adds its own (empty) role=alert route announcer to the page.
    return this.page.locator("form").getByRole("alert");
  }

  async submit(email: string, password: string) {
    await this.email.fill(email);
    await this.password.fill(password);
    await this.page.getByRole("button", { name: "Sign in", exact: true }).click();
  }
}
