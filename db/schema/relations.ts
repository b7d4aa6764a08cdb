import { relations } from "drizzle-orm";
import { agents } from "./agents";
import { apiKeys } from "./api-keys";
import { auditEvents } from "./audit-events";
import { conversationMessages, conversations } from "./conversations";
import { knowledgePacks } from "./knowledge-packs";
import { memberships, organizations } from "./organizations";
import { personas } from "./personas";
import { accounts, users } from "./users";
import { webhookDeliveries, webhookEndpoints } from "./webhooks";

export const organizationsRelations = relations(organizations, ({ many }) => ({
  memberships: many(memberships),
  agents: many(agents),
  knowledgePacks: many(knowledgePacks),
  apiKeys: many(apiKeys),
  webhookEndpoints: many(webhookEndpoints),
  auditEvents: many(auditEvents),
}));

export const usersRelations = relations(users, ({ many }) => ({
  memberships: many(memberships),
  accounts: many(accounts),
}));

export const accountsRelations = relations(accounts, ({ one }) => ({
  user: one(users, { fields: [accounts.userId], references: [users.id] }),
}));

export const membershipsRelations = relations(memberships, ({ one }) => ({
  organization: one(organizations, { fields: [memberships.organizationId], references: [organizations.id] }),
  user: one(users, { fields: [memberships.userId], references: [users.id] }),
}));

export const personasRelations = relations(personas, ({ many }) => ({ agents: many(agents) }));

export const knowledgePacksRelations = relations(knowledgePacks, ({ one, many }) => ({
  organization: one(organizations, {
    fields: [knowledgePacks.organizationId],
    references: [organizations.id],
  }),
  agents: many(agents),
}));

export const agentsRelations = relations(agents, ({ one, many }) => ({
  organization: one(organizations, { fields: [agents.organizationId], references: [organizations.id] }),
  persona: one(personas, { fields: [agents.personaId], references: [personas.id] }),
  knowledgePack: one(knowledgePacks, { fields: [agents.knowledgePackId], references: [knowledgePacks.id] }),
  createdByUser: one(users, { fields: [agents.createdByUserId], references: [users.id] }),
  createdByApiKey: one(apiKeys, { fields: [agents.createdByApiKeyId], references: [apiKeys.id] }),
  conversations: many(conversations),
}));

export const apiKeysRelations = relations(apiKeys, ({ one }) => ({
  organization: one(organizations, { fields: [apiKeys.organizationId], references: [organizations.id] }),
}));

export const webhookEndpointsRelations = relations(webhookEndpoints, ({ one, many }) => ({
  organization: one(organizations, {
    fields: [webhookEndpoints.organizationId],
    references: [organizations.id],
  }),
  deliveries: many(webhookDeliveries),
}));

export const webhookDeliveriesRelations = relations(webhookDeliveries, ({ one }) => ({
  endpoint: one(webhookEndpoints, {
    fields: [webhookDeliveries.endpointId],
    references: [webhookEndpoints.id],
  }),
}));

export const auditEventsRelations = relations(auditEvents, ({ one }) => ({
  organization: one(organizations, { fields: [auditEvents.organizationId], references: [organizations.id] }),
}));

export const conversationsRelations = relations(conversations, ({ one, many }) => ({
  agent: one(agents, { fields: [conversations.agentId], references: [agents.id] }),
  messages: many(conversationMessages),
}));

export const conversationMessagesRelations = relations(conversationMessages, ({ one }) => ({
  conversation: one(conversations, {
    fields: [conversationMessages.conversationId],
    references: [conversations.id],
  }),
}));
