import path from "node:path";
import { describe, expect, it } from "vitest";
import { appPageTemplates, templateOf } from "../fixtures/page-templates";

const TEMPLATES = [
  "/",
  "/sign-in",
  "/[org]/agents",
  "/[org]/agents/new",
  "/[org]/agents/[id]",
  "/[org]/agents/[id]/embed",
  "/embed/[agentId]",
  "/docs/[...slug]",
];

describe("templateOf", () => {
  it("maps a URL path to the page that serves it, literals before params", () => {
    expect(templateOf("/", TEMPLATES)).toBe("/");
    expect(templateOf("/sign-in", TEMPLATES)).toBe("/sign-in");
    expect(templateOf("/acme/agents", TEMPLATES)).toBe("/[org]/agents");
    expect(templateOf("/acme/agents/new", TEMPLATES)).toBe("/[org]/agents/new");
    expect(templateOf("/acme/agents/3f0c", TEMPLATES)).toBe("/[org]/agents/[id]");
    expect(templateOf("/acme/agents/3f0c/embed", TEMPLATES)).toBe("/[org]/agents/[id]/embed");
    expect(templateOf("/embed/abc", TEMPLATES)).toBe("/embed/[agentId]");
    expect(templateOf("/docs/a/b", TEMPLATES)).toBe("/docs/[...slug]");
  });

  it("has no template for paths no page serves", () => {
    expect(templateOf("/api/health", TEMPLATES)).toBeNull();
    expect(templateOf("/acme/agents/3f0c/embed/x", TEMPLATES)).toBeNull();
    expect(templateOf("/docs", TEMPLATES)).toBeNull();
  });
});

describe("appPageTemplates", () => {
  it("lists the app's page.tsx files as templates, route groups and private folders left out", () => {
    const templates = appPageTemplates(path.resolve("app"));
    expect(templates).toContain("/");
    expect(templates).toContain("/sign-in");
    expect(templates).toContain("/[org]/agents/[id]");
    expect(templates).toContain("/embed/[agentId]");
    expect(templates.some((t) => t.includes("(") || t.includes("_components"))).toBe(false);
  });
});
