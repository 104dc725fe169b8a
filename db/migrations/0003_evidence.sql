CREATE TABLE `evidence` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sha256` text NOT NULL,
	`size` integer NOT NULL,
	`media_type` text NOT NULL,
	`original_name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`protected` integer NOT NULL,
	`taken_at` text,
	`taken_offset` text,
	`latitude` real,
	`longitude` real,
	`device_make` text,
	`device_model` text,
	`software` text,
	`width` integer,
	`height` integer,
	`raw_metadata` text,
	`metadata_error` text,
	`correction` text DEFAULT '' NOT NULL,
	`derived_from_id` integer,
	`derivation` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`derived_from_id`) REFERENCES `evidence`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "evidence_derivation_complete" CHECK(("evidence"."derived_from_id" IS NULL) = ("evidence"."derivation" IS NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `evidence_sha256_unique` ON `evidence` (`sha256`);--> statement-breakpoint
CREATE INDEX `evidence_derived_from_idx` ON `evidence` (`derived_from_id`);--> statement-breakpoint
CREATE TABLE `evidence_incidents` (
	`evidence_id` integer NOT NULL,
	`incident_id` integer NOT NULL,
	PRIMARY KEY(`evidence_id`, `incident_id`),
	FOREIGN KEY (`evidence_id`) REFERENCES `evidence`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `evidence_incidents_incident_idx` ON `evidence_incidents` (`incident_id`,`evidence_id`);