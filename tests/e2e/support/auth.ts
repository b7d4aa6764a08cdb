import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { E2E_DATA_DIR } from "./env";

export type Login = { email: string; password: string };

/** The demo owner's login, written by the server at first start to <E2E_DATA_DIR>/demo-login.json. */
export function demoLogin(): Login {
  const raw = readFileSync(path.join(E2E_DATA_DIR, "demo-login.json"), "utf8");
  const { email, password } = JSON.parse(raw) as Login;
  return { email, password };
}

/** Signs in through the real form and waits until the dashboard (or `expectPath`) is shown. */
export async function signIn(
  page: Page,
  email: string,
  password: string,
  expectPath = /\/[a-z0-9-]+\/agents$/,
) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(expectPath);
}

export async function signInAsDemoOwner(page: Page) {
  const { email, password } = demoLogin();
  await signIn(page, email, password, /\/acme\/agents$/);
}
