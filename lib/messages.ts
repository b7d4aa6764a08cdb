// User-facing strings that more than one door or use case says, kept in one place so they
// cannot drift apart.
export const MESSAGES = {
  agentNotFound: "No agent with this id exists.",
  agentNotInOrganization: "No agent with this id in your organization.",
  knowledgePackNotFound: "No knowledge pack with this id exists.",
  knowledgePackNotInOrganization: "No knowledge pack with this id exists in your organization.",
  webhookEndpointNotFound: "No webhook endpoint with this id exists.",
  notAMember: "That user is not a member.",
  fixHighlightedFields: "Please fix the highlighted fields.",
  chooseStrongerPassword: "Choose a stronger password.",
  sessionEnded: "Your session has ended. Sign in again.",
} as const;
