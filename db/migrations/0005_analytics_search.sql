ALTER TABLE "transcript_lines" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (to_tsvector('english', text)) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "call_turns_at_idx" ON "call_turns" USING btree ("at");--> statement-breakpoint
CREATE INDEX "transcript_lines_search_idx" ON "transcript_lines" USING gin ("search");