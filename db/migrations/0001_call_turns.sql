CREATE TABLE "call_turns" (
	"call_id" text NOT NULL,
	"turn" integer NOT NULL,
	"author" text NOT NULL,
	"text" text NOT NULL,
	"reply" text,
	"agent" text,
	"state" jsonb NOT NULL,
	"duration_ms" integer,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "call_turns_call_id_turn_pk" PRIMARY KEY("call_id","turn")
);
--> statement-breakpoint
ALTER TABLE "calls" ADD COLUMN "state" jsonb;--> statement-breakpoint
ALTER TABLE "call_turns" ADD CONSTRAINT "call_turns_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;