// UI types of the prompt version timeline (app/ imports these, never db/).
export type PromptVersionSource = "created" | "edited" | "optimized" | "restored";

export type PromptVersionView = {
  version: number;
  source: PromptVersionSource;
  systemPrompt: string;
  rationale: string | null;
  createdByType: "user" | "api_key" | "system";
  createdByName: string;
  restoredFromVersion: number | null;
  createdAt: Date;
  /** The evaluation that gated this version (optimization results on an agent with a suite). */
  evalScore: number | null;
  evalPassed: boolean | null;
};
