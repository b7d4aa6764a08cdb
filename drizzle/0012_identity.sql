CREATE TYPE "public"."identity_verification" AS ENUM('off', 'optional', 'required');--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "identity_verification" "identity_verification" DEFAULT 'off' NOT NULL;--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "identity_secret_ciphertext" text;