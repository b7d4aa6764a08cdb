import { describe, expect, it } from "vitest";
import { fillPromptVariables, promptVariableValues, utcDate } from "@/lib/agents/prompt-variables";

const values = { company: "Acme Outdoor", agent: "Support Bot", date: "2026-12-01" };

describe("fillPromptVariables", () => {
  it("fills {company}, {agent} and {date}, every occurrence", () => {
    expect(
      fillPromptVariables("You work for {company}. You are {agent} at {company}. Today is {date}.", values),
    ).toBe("You work for Acme Outdoor. You are Support Bot at Acme Outdoor. Today is 2026-12-01.");
  });

  it("leaves unknown braces, empty braces, JSON and differently-cased names as written", () => {
    const text = 'Say {customer} and {} and {"a": 1} and {Company} and {{company}';
    expect(fillPromptVariables(text, values)).toBe(
      'Say {customer} and {} and {"a": 1} and {Company} and {Acme Outdoor',
    );
  });

  it("does not expand a value that itself contains a variable", () => {
    expect(fillPromptVariables("{company}", { ...values, company: "The {agent} Co" })).toBe("The {agent} Co");
  });

  it("leaves text without variables untouched", () => {
    expect(fillPromptVariables("Plain prompt.", values)).toBe("Plain prompt.");
  });
});

describe("utcDate", () => {
  it("is the UTC day, not the local one", () => {
    expect(utcDate(new Date("2026-12-01T23:30:00-05:00"))).toBe("2026-12-02");
    expect(promptVariableValues({ company: "A", agent: "B" }, new Date("2026-01-31T00:00:00Z")).date).toBe(
      "2026-01-31",
    );
  });
});
