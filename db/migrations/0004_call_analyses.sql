CREATE TABLE "call_analyses" (
	"call_id" text PRIMARY KEY NOT NULL,
	"analyzer_version" text NOT NULL,
	"outcome" text NOT NULL,
	"sentiment_label" text NOT NULL,
	"sentiment_score" real,
	"duration_seconds" integer NOT NULL,
	"turns" integer NOT NULL,
	"customer_turns" integer NOT NULL,
	"interruptions" integer NOT NULL,
	"wanted_booking" boolean NOT NULL,
	"analysis" jsonb NOT NULL,
	"analyzed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "call_analyses_outcome_check" CHECK ("call_analyses"."outcome" in ('booked', 'rescheduled', 'cancelled', 'answered', 'escalated', 'callback_scheduled', 'abandoned', 'not_reached')),
	CONSTRAINT "call_analyses_sentiment_check" CHECK ("call_analyses"."sentiment_label" in ('negative', 'neutral', 'positive', 'insufficient'))
);
--> statement-breakpoint
ALTER TABLE "call_analyses" ADD CONSTRAINT "call_analyses_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "call_analyses_outcome_idx" ON "call_analyses" USING btree ("outcome");--> statement-breakpoint
CREATE INDEX "call_analyses_sentiment_idx" ON "call_analyses" USING btree ("sentiment_label");