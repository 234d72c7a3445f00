ALTER TABLE "calls" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', id || ' ' || coalesce(state->'customer'->>'name', '') || ' ' || coalesce(customer_phone, '') || ' ' || coalesce(right(customer_phone, 10), '') || ' ' || coalesce(right(customer_phone, 7), ''))) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "transcript_lines" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (to_tsvector('english', text)) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "call_turns_at_idx" ON "call_turns" USING btree ("at");--> statement-breakpoint
CREATE INDEX "calls_search_idx" ON "calls" USING gin ("search");--> statement-breakpoint
CREATE INDEX "transcript_lines_search_idx" ON "transcript_lines" USING gin ("search");