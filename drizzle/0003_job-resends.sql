CREATE TABLE "job_resends" (
	"kind" text NOT NULL,
	"event_id" text NOT NULL,
	"tries" integer NOT NULL,
	"last_sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "job_resends_kind_event_id_pk" PRIMARY KEY("kind","event_id")
);
