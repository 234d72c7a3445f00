ALTER TABLE "call_turns" ADD COLUMN "effects" jsonb;--> statement-breakpoint
ALTER TABLE "escalation_tasks" ADD COLUMN "offered_to" text;