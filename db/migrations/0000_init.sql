CREATE TABLE `alternative_names` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer,
	`organisation_id` integer,
	`location_id` integer,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`language` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "alternative_names_one_owner" CHECK(("alternative_names"."person_id" IS NOT NULL) + ("alternative_names"."organisation_id" IS NOT NULL) + ("alternative_names"."location_id" IS NOT NULL) = 1)
);
--> statement-breakpoint
CREATE INDEX `alternative_names_person_idx` ON `alternative_names` (`person_id`);--> statement-breakpoint
CREATE INDEX `alternative_names_organisation_idx` ON `alternative_names` (`organisation_id`);--> statement-breakpoint
CREATE INDEX `alternative_names_location_idx` ON `alternative_names` (`location_id`);--> statement-breakpoint
CREATE TABLE `citations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_id` integer NOT NULL,
	`incident_id` integer,
	`involvement_id` integer,
	`post_id` integer,
	`location_id` integer,
	`alternative_name_id` integer,
	`locator` text DEFAULT '' NOT NULL,
	`quote` text DEFAULT '' NOT NULL,
	`stance` text NOT NULL,
	`credibility` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`involvement_id`) REFERENCES `involvements`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`post_id`) REFERENCES `posts`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`alternative_name_id`) REFERENCES `alternative_names`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "citations_credibility_grade" CHECK("citations"."credibility" BETWEEN 1 AND 6),
	CONSTRAINT "citations_one_claim" CHECK(("citations"."incident_id" IS NOT NULL) + ("citations"."involvement_id" IS NOT NULL) + ("citations"."post_id" IS NOT NULL) + ("citations"."location_id" IS NOT NULL) + ("citations"."alternative_name_id" IS NOT NULL) = 1)
);
--> statement-breakpoint
CREATE INDEX `citations_source_idx` ON `citations` (`source_id`);--> statement-breakpoint
CREATE INDEX `citations_incident_idx` ON `citations` (`incident_id`);--> statement-breakpoint
CREATE INDEX `citations_involvement_idx` ON `citations` (`involvement_id`);--> statement-breakpoint
CREATE INDEX `citations_post_idx` ON `citations` (`post_id`);--> statement-breakpoint
CREATE INDEX `citations_location_idx` ON `citations` (`location_id`);--> statement-breakpoint
CREATE INDEX `citations_alternative_name_idx` ON `citations` (`alternative_name_id`);--> statement-breakpoint
CREATE TABLE `incident_act_types` (
	`incident_id` integer NOT NULL,
	`act_type` text NOT NULL,
	PRIMARY KEY(`incident_id`, `act_type`),
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `incident_act_types_act_idx` ON `incident_act_types` (`act_type`,`incident_id`);--> statement-breakpoint
CREATE TABLE `incident_locations` (
	`incident_id` integer NOT NULL,
	`location_id` integer NOT NULL,
	PRIMARY KEY(`incident_id`, `location_id`),
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `incident_locations_location_idx` ON `incident_locations` (`location_id`,`incident_id`);--> statement-breakpoint
CREATE TABLE `incidents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`date` text NOT NULL,
	`date_earliest` text NOT NULL,
	`date_latest` text NOT NULL,
	`victims_min` integer,
	`victims_max` integer,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	CONSTRAINT "incidents_victims_range" CHECK("incidents"."victims_min" IS NULL OR ("incidents"."victims_min" >= 0 AND ("incidents"."victims_max" IS NULL OR "incidents"."victims_max" >= "incidents"."victims_min"))),
	CONSTRAINT "incidents_victims_max_needs_min" CHECK("incidents"."victims_max" IS NULL OR "incidents"."victims_min" IS NOT NULL)
);
--> statement-breakpoint
CREATE INDEX `incidents_date_idx` ON `incidents` (`date_earliest`,`date_latest`);--> statement-breakpoint
CREATE TABLE `involvements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`incident_id` integer NOT NULL,
	`person_id` integer,
	`organisation_id` integer,
	`role` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "involvements_one_actor" CHECK(("involvements"."person_id" IS NOT NULL) + ("involvements"."organisation_id" IS NOT NULL) = 1)
);
--> statement-breakpoint
CREATE INDEX `involvements_incident_idx` ON `involvements` (`incident_id`);--> statement-breakpoint
CREATE INDEX `involvements_person_idx` ON `involvements` (`person_id`,`incident_id`);--> statement-breakpoint
CREATE INDEX `involvements_organisation_idx` ON `involvements` (`organisation_id`,`incident_id`);--> statement-breakpoint
CREATE TABLE `locations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`parent_id` integer,
	`latitude` real,
	`longitude` real,
	`precision_meters` integer,
	`description` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "locations_point_complete" CHECK(("locations"."latitude" IS NULL) = ("locations"."longitude" IS NULL) AND ("locations"."latitude" IS NULL OR "locations"."precision_meters" IS NOT NULL)),
	CONSTRAINT "locations_latitude_range" CHECK("locations"."latitude" IS NULL OR "locations"."latitude" BETWEEN -90 AND 90),
	CONSTRAINT "locations_longitude_range" CHECK("locations"."longitude" IS NULL OR "locations"."longitude" BETWEEN -180 AND 180)
);
--> statement-breakpoint
CREATE INDEX `locations_parent_idx` ON `locations` (`parent_id`);--> statement-breakpoint
CREATE TABLE `organisations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`parent_id` integer,
	`description` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `organisations_parent_idx` ON `organisations` (`parent_id`);--> statement-breakpoint
CREATE TABLE `persons` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`protection` text NOT NULL,
	`pseudonym` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `persons_pseudonym_unique` ON `persons` (`pseudonym`);--> statement-breakpoint
CREATE TABLE `posts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	`role` text NOT NULL,
	`period` text,
	`period_earliest` text,
	`period_latest` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "posts_period_complete" CHECK(("posts"."period" IS NULL) = ("posts"."period_earliest" IS NULL) AND ("posts"."period" IS NULL) = ("posts"."period_latest" IS NULL))
);
--> statement-breakpoint
CREATE INDEX `posts_person_idx` ON `posts` (`person_id`);--> statement-breakpoint
CREATE INDEX `posts_organisation_idx` ON `posts` (`organisation_id`);--> statement-breakpoint
CREATE TABLE `sources` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`publisher` text,
	`author` text,
	`url` text,
	`published` text,
	`published_earliest` text,
	`published_latest` text,
	`language` text,
	`reliability` text NOT NULL,
	`restricted` integer DEFAULT false NOT NULL,
	`repeats_source_id` integer,
	`archive_url` text,
	`notes` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`repeats_source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "sources_not_self_repeat" CHECK("sources"."repeats_source_id" IS NULL OR "sources"."repeats_source_id" <> "sources"."id"),
	CONSTRAINT "sources_published_complete" CHECK(("sources"."published" IS NULL) = ("sources"."published_earliest" IS NULL) AND ("sources"."published" IS NULL) = ("sources"."published_latest" IS NULL))
);
--> statement-breakpoint
CREATE INDEX `sources_repeats_idx` ON `sources` (`repeats_source_id`);