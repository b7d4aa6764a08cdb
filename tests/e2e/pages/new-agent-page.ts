import { expect, type Page } from "@playwright/test";

/** /{org}/agents/new: the create form, its live widget preview and the limit/role notices. */
export class NewAgentPage {
  constructor(private readonly page: Page) {}

  async goto(slug: string) {
    await this.page.goto(`/${slug}/agents/new`);
    await expect(this.page.getByRole("heading", { name: "New agent" })).toBeVisible();
  }

  get form() {
    return this.page.getByTestId("new-agent-form");
  }
  get preview() {
    return this.page.getByTestId("widget-preview");
  }
  get submit() {
    return this.page.getByTestId("create-agent-submit");
  }
  get systemPrompt() {
    return this.page.getByLabel("System prompt");
  }
  get meter() {
    return this.page.getByTestId("agents-meter");
  }

  async choosePersona(name: string) {
    await this.page.getByText(name, { exact: true }).click();
  }

  async setWidget(opts: {
    theme?: string;
    position?: string;
    size?: string;
    animation?: string;
    welcome?: string;
  }) {
    if (opts.theme) await this.page.getByLabel("Theme").selectOption(opts.theme);
    if (opts.position) await this.page.getByLabel("Position").selectOption(opts.position);
    if (opts.size) await this.page.getByLabel("Size").selectOption(opts.size);
    if (opts.animation) await this.page.getByLabel("Animation").selectOption(opts.animation);
    if (opts.welcome !== undefined) await this.page.getByLabel("Welcome message").fill(opts.welcome);
  }
}
