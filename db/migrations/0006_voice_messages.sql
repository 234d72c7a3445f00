CREATE TABLE "voice_messages" (
	"message_id" text PRIMARY KEY NOT NULL,
	"call_id" text NOT NULL,
	"status" text DEFAULT 'processing' NOT NULL,
	"body_sha256" text NOT NULL,
	"format" text NOT NULL,
	"duration_seconds" real NOT NULL,
	"transcript" text,
	"reply" text,
	"turn" integer,
	"has_reply_audio" boolean DEFAULT false NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answered_at" timestamp with time zone,
	CONSTRAINT "voice_messages_status_check" CHECK ("voice_messages"."status" in ('processing', 'answered', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "voice_messages" ADD CONSTRAINT "voice_messages_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "voice_messages_call_idx" ON "voice_messages" USING btree ("call_id","created_at");