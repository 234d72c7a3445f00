CREATE TABLE "appointment_slots" (
	"appointment_id" integer NOT NULL,
	"resource_id" integer NOT NULL,
	"slot_date" date NOT NULL,
	"slot_time" text NOT NULL,
	CONSTRAINT "appointment_slots_time_check" CHECK (slot_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$')
);
--> statement-breakpoint
CREATE TABLE "appointments" (
	"id" serial PRIMARY KEY NOT NULL,
	"appointment_type" text NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"customer_id" integer,
	"customer_name" text NOT NULL,
	"customer_phone" text NOT NULL,
	"customer_email" text,
	"service_type_id" integer,
	"inventory_vehicle_id" integer,
	"vehicle_description" text,
	"scheduled_date" date NOT NULL,
	"scheduled_time" text NOT NULL,
	"duration_minutes" integer NOT NULL,
	"notes" text,
	"call_id" text,
	"booking_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appointments_booking_key_unique" UNIQUE("booking_key"),
	CONSTRAINT "appointments_type_check" CHECK ("appointments"."appointment_type" in ('service', 'test_drive')),
	CONSTRAINT "appointments_status_check" CHECK ("appointments"."status" in ('scheduled', 'cancelled', 'completed', 'no_show')),
	CONSTRAINT "appointments_time_check" CHECK (scheduled_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
	CONSTRAINT "appointments_duration_check" CHECK ("appointments"."duration_minutes" > 0)
);
--> statement-breakpoint
CREATE TABLE "business_hours" (
	"department" text NOT NULL,
	"weekday" smallint NOT NULL,
	"opens_at" text NOT NULL,
	"closes_at" text NOT NULL,
	CONSTRAINT "business_hours_department_weekday_pk" PRIMARY KEY("department","weekday"),
	CONSTRAINT "business_hours_department_check" CHECK ("business_hours"."department" in ('service', 'sales')),
	CONSTRAINT "business_hours_weekday_check" CHECK ("business_hours"."weekday" between 0 and 6),
	CONSTRAINT "business_hours_times_check" CHECK (opens_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' and closes_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' and opens_at < closes_at)
);
--> statement-breakpoint
CREATE TABLE "call_events" (
	"call_id" text NOT NULL,
	"seq" integer NOT NULL,
	"type" text NOT NULL,
	"data" jsonb NOT NULL,
	"dedupe_key" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "call_events_call_id_seq_pk" PRIMARY KEY("call_id","seq")
);
--> statement-breakpoint
CREATE TABLE "calls" (
	"id" text PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"customer_phone" text,
	"customer_id" integer,
	"intent" text,
	"current_agent" text DEFAULT 'router' NOT NULL,
	"turn_count" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "calls_channel_check" CHECK ("calls"."channel" in ('chat', 'web', 'phone')),
	CONSTRAINT "calls_status_check" CHECK ("calls"."status" in ('active', 'escalated', 'ended'))
);
--> statement-breakpoint
CREATE TABLE "customer_vehicles" (
	"id" serial PRIMARY KEY NOT NULL,
	"customer_id" integer NOT NULL,
	"year" integer NOT NULL,
	"make" text NOT NULL,
	"model" text NOT NULL,
	"vin" text,
	"mileage" integer,
	CONSTRAINT "customer_vehicles_vin_unique" UNIQUE("vin")
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"phone" text NOT NULL,
	"email" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customers_phone_unique" UNIQUE("phone")
);
--> statement-breakpoint
CREATE TABLE "dealership" (
	"id" integer PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"phone" text NOT NULL,
	"email" text NOT NULL,
	"website" text NOT NULL,
	"address" text NOT NULL,
	"time_zone" text NOT NULL,
	"seeded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "escalation_tasks" (
	"task_id" text PRIMARY KEY NOT NULL,
	"call_id" text NOT NULL,
	"task_type" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"reason" text,
	"human_agent_id" integer,
	"callback_scheduled" timestamp with time zone,
	"outcome" text,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "escalation_tasks_type_check" CHECK ("escalation_tasks"."task_type" in ('escalation', 'callback')),
	CONSTRAINT "escalation_tasks_status_check" CHECK ("escalation_tasks"."status" in ('pending', 'running', 'completed', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "faqs" (
	"id" serial PRIMARY KEY NOT NULL,
	"category" text NOT NULL,
	"question" text NOT NULL,
	"answer" text NOT NULL,
	"keywords" text DEFAULT '' NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', question || ' ' || keywords), 'A') || setweight(to_tsvector('english', answer), 'B')) STORED NOT NULL
);
--> statement-breakpoint
CREATE TABLE "human_agents" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"role" text NOT NULL,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"available" boolean DEFAULT true NOT NULL,
	CONSTRAINT "human_agents_name_unique" UNIQUE("name"),
	CONSTRAINT "human_agents_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "inventory_vehicles" (
	"id" serial PRIMARY KEY NOT NULL,
	"vin" text NOT NULL,
	"stock_number" text NOT NULL,
	"condition" text NOT NULL,
	"year" integer NOT NULL,
	"make" text NOT NULL,
	"model" text NOT NULL,
	"trim" text NOT NULL,
	"body_style" text NOT NULL,
	"fuel_type" text NOT NULL,
	"exterior_color" text NOT NULL,
	"mileage" integer NOT NULL,
	"price_cents" integer NOT NULL,
	"available" boolean DEFAULT true NOT NULL,
	CONSTRAINT "inventory_vehicles_vin_unique" UNIQUE("vin"),
	CONSTRAINT "inventory_vehicles_stock_number_unique" UNIQUE("stock_number"),
	CONSTRAINT "inventory_condition_check" CHECK ("inventory_vehicles"."condition" in ('new', 'used', 'certified')),
	CONSTRAINT "inventory_fuel_type_check" CHECK ("inventory_vehicles"."fuel_type" in ('gasoline', 'hybrid', 'plug_in_hybrid', 'electric', 'diesel')),
	CONSTRAINT "inventory_numbers_check" CHECK ("inventory_vehicles"."mileage" >= 0 and "inventory_vehicles"."price_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "resources" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "resources_name_unique" UNIQUE("name"),
	CONSTRAINT "resources_kind_check" CHECK ("resources"."kind" in ('service_bay', 'sales_consultant'))
);
--> statement-breakpoint
CREATE TABLE "service_types" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"duration_minutes" integer NOT NULL,
	"price_cents" integer NOT NULL,
	"synonyms" text[] DEFAULT '{}'::text[] NOT NULL,
	CONSTRAINT "service_types_name_unique" UNIQUE("name"),
	CONSTRAINT "service_types_duration_check" CHECK ("service_types"."duration_minutes" > 0 and "service_types"."duration_minutes" % 30 = 0),
	CONSTRAINT "service_types_price_check" CHECK ("service_types"."price_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "transcript_turns" (
	"call_id" text NOT NULL,
	"seq" integer NOT NULL,
	"role" text NOT NULL,
	"text" text NOT NULL,
	"agent" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "transcript_turns_call_id_seq_pk" PRIMARY KEY("call_id","seq"),
	CONSTRAINT "transcript_turns_role_check" CHECK ("transcript_turns"."role" in ('user', 'agent', 'human', 'system'))
);
--> statement-breakpoint
ALTER TABLE "appointment_slots" ADD CONSTRAINT "appointment_slots_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_slots" ADD CONSTRAINT "appointment_slots_resource_id_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_service_type_id_service_types_id_fk" FOREIGN KEY ("service_type_id") REFERENCES "public"."service_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_inventory_vehicle_id_inventory_vehicles_id_fk" FOREIGN KEY ("inventory_vehicle_id") REFERENCES "public"."inventory_vehicles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_events" ADD CONSTRAINT "call_events_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_vehicles" ADD CONSTRAINT "customer_vehicles_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalation_tasks" ADD CONSTRAINT "escalation_tasks_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalation_tasks" ADD CONSTRAINT "escalation_tasks_human_agent_id_human_agents_id_fk" FOREIGN KEY ("human_agent_id") REFERENCES "public"."human_agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transcript_turns" ADD CONSTRAINT "transcript_turns_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "appointment_slots_resource_unit_key" ON "appointment_slots" USING btree ("resource_id","slot_date","slot_time");--> statement-breakpoint
CREATE INDEX "appointment_slots_appointment_idx" ON "appointment_slots" USING btree ("appointment_id");--> statement-breakpoint
CREATE INDEX "appointments_phone_idx" ON "appointments" USING btree ("customer_phone");--> statement-breakpoint
CREATE INDEX "appointments_customer_idx" ON "appointments" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "appointments_date_idx" ON "appointments" USING btree ("scheduled_date");--> statement-breakpoint
CREATE UNIQUE INDEX "call_events_dedupe_key" ON "call_events" USING btree ("call_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "calls_started_idx" ON "calls" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "calls_status_idx" ON "calls" USING btree ("status");--> statement-breakpoint
CREATE INDEX "customer_vehicles_customer_idx" ON "customer_vehicles" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "escalation_tasks_status_idx" ON "escalation_tasks" USING btree ("status");--> statement-breakpoint
CREATE INDEX "escalation_tasks_call_idx" ON "escalation_tasks" USING btree ("call_id");--> statement-breakpoint
CREATE UNIQUE INDEX "faqs_question_key" ON "faqs" USING btree ("question");--> statement-breakpoint
CREATE INDEX "faqs_category_idx" ON "faqs" USING btree ("category");--> statement-breakpoint
CREATE INDEX "faqs_search_idx" ON "faqs" USING gin ("search");--> statement-breakpoint
CREATE INDEX "inventory_make_model_idx" ON "inventory_vehicles" USING btree ("make","model");