ALTER TABLE "transcript_turns" RENAME TO "transcript_lines";--> statement-breakpoint
ALTER TABLE "transcript_lines" DROP CONSTRAINT "transcript_turns_role_check";--> statement-breakpoint
ALTER TABLE "transcript_lines" DROP CONSTRAINT "transcript_turns_call_id_calls_id_fk";
--> statement-breakpoint
ALTER TABLE "transcript_lines" DROP CONSTRAINT "transcript_turns_call_id_seq_pk";--> statement-breakpoint
ALTER TABLE "transcript_lines" ADD CONSTRAINT "transcript_lines_call_id_seq_pk" PRIMARY KEY("call_id","seq");--> statement-breakpoint
ALTER TABLE "transcript_lines" ADD COLUMN "turn" integer;--> statement-breakpoint
ALTER TABLE "transcript_lines" ADD CONSTRAINT "transcript_lines_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_turns" DROP COLUMN "state";--> statement-breakpoint
ALTER TABLE "transcript_lines" ADD CONSTRAINT "transcript_lines_role_check" CHECK ("transcript_lines"."role" in ('user', 'agent', 'human', 'system'));--> statement-breakpoint
-- Existing lines learn the turn that wrote them from the dedupe keys of their events (turn:N:transcript:SEQ).
UPDATE "transcript_lines" AS l SET "turn" = split_part(e."dedupe_key", ':', 2)::integer
  FROM "call_events" AS e
  WHERE e."call_id" = l."call_id" AND e."type" = 'transcript' AND e."dedupe_key" ~ '^turn:[0-9]+:transcript:[0-9]+$'
    AND split_part(e."dedupe_key", ':', 4)::integer = l."seq";--> statement-breakpoint
-- Stored `state` events (the whole call, transcript included, at every change) become the typed delta
-- they stand for; their seqs stay, so a client resuming with Last-Event-ID misses nothing.
UPDATE "call_events" SET "type" = 'call_updated',
  "data" = "data" - 'transcript' - 'tasks' - 'status' - 'phone' - 'dialog'
  WHERE "type" = 'state';
