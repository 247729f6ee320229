CREATE TABLE "check_result" (
	"run_id" text NOT NULL,
	"seq" integer NOT NULL,
	"project_id" text NOT NULL,
	"environment" text NOT NULL,
	"task_id" text,
	"rule" text NOT NULL,
	"target" text NOT NULL,
	"status" text NOT NULL,
	"summary" text NOT NULL,
	"code" text,
	"findings" jsonb NOT NULL,
	"evidence" jsonb NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"duration_ms" integer NOT NULL,
	"attempts" integer NOT NULL,
	CONSTRAINT "check_result_run_id_seq_pk" PRIMARY KEY("run_id","seq")
);
--> statement-breakpoint
CREATE TABLE "check_run" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"environment" text NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"finished_at" timestamp (3) with time zone NOT NULL,
	"actor" text NOT NULL,
	"cancelled" integer NOT NULL,
	"counts" jsonb NOT NULL
);
--> statement-breakpoint
CREATE INDEX "check_result_latest_idx" ON "check_result" USING btree ("project_id","environment","task_id","rule","target","started_at");--> statement-breakpoint
CREATE INDEX "check_run_project_idx" ON "check_run" USING btree ("project_id","started_at");