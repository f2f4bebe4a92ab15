CREATE TABLE `activities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`fund_id` integer,
	`kind` text NOT NULL,
	`started_on` text NOT NULL,
	`ended_on` text,
	`destination` text,
	`top_led` integer DEFAULT false NOT NULL,
	`note` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`fund_id`) REFERENCES `funds`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `activities_unit_idx` ON `activities` (`unit_id`,`started_on`,`kind`,`top_led`);--> statement-breakpoint
CREATE INDEX `activities_fund_idx` ON `activities` (`fund_id`,`started_on`);--> statement-breakpoint
CREATE TABLE `activity_companies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`activity_id` integer NOT NULL,
	`name` text NOT NULL,
	`name_key` text NOT NULL,
	`company_id` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `activity_companies_activity_idx` ON `activity_companies` (`activity_id`,`name_key`,`company_id`);--> statement-breakpoint
CREATE TABLE `activity_participants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`activity_id` integer NOT NULL,
	`user_id` integer,
	`name` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "activity_participants_who" CHECK("activity_participants"."user_id" IS NOT NULL OR "activity_participants"."name" IS NOT NULL)
);
--> statement-breakpoint
CREATE INDEX `activity_participants_activity_idx` ON `activity_participants` (`activity_id`);--> statement-breakpoint
CREATE INDEX `activity_participants_user_idx` ON `activity_participants` (`user_id`);--> statement-breakpoint
CREATE TABLE `activity_projects` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`activity_id` integer NOT NULL,
	`project_id` integer NOT NULL,
	`link` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `activity_projects_activity_idx` ON `activity_projects` (`activity_id`,`link`,`project_id`);--> statement-breakpoint
CREATE INDEX `activity_projects_project_idx` ON `activity_projects` (`project_id`);--> statement-breakpoint
CREATE TABLE `node_templates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`nodes` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_by` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `node_templates_name_unique` ON `node_templates` (`name`);--> statement-breakpoint
CREATE TABLE `project_nodes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`stage` text,
	`planned_on` text NOT NULL,
	`baseline_on` text NOT NULL,
	`actual_on` text,
	`note` text,
	`template_id` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`template_id`) REFERENCES `node_templates`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "project_nodes_task_actual" CHECK("project_nodes"."stage" IS NULL OR "project_nodes"."actual_on" IS NULL)
);
--> statement-breakpoint
CREATE INDEX `project_nodes_project_idx` ON `project_nodes` (`project_id`,`position`);--> statement-breakpoint
CREATE INDEX `project_nodes_planned_idx` ON `project_nodes` (`planned_on`,`project_id`,`stage`,`actual_on`,`baseline_on`);--> statement-breakpoint
CREATE TABLE `project_owners` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`duty` text NOT NULL,
	`from_on` text NOT NULL,
	`to_on` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `project_owners_project_idx` ON `project_owners` (`project_id`,`to_on`,`duty`,`user_id`);--> statement-breakpoint
CREATE INDEX `project_owners_user_idx` ON `project_owners` (`user_id`,`to_on`,`project_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `project_owners_current_liaison_uq` ON `project_owners` (`project_id`) WHERE "project_owners"."duty" = 'liaison' AND "project_owners"."to_on" IS NULL;--> statement-breakpoint
CREATE TABLE `request_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`status` text NOT NULL,
	`happened_on` text NOT NULL,
	`text` text,
	`rating` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`request_id`) REFERENCES `service_requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `request_events_request_idx` ON `request_events` (`request_id`,`id`);--> statement-breakpoint
CREATE TABLE `service_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer,
	`company_id` integer,
	`category` text NOT NULL,
	`unit_id` integer NOT NULL,
	`assignee_id` integer,
	`raised_on` text NOT NULL,
	`due_on` text NOT NULL,
	`description` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`resolved_on` text,
	`resolution` text,
	`rating` text,
	`closed_on` text,
	`raised_by` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "service_requests_subject" CHECK("service_requests"."project_id" IS NOT NULL OR "service_requests"."company_id" IS NOT NULL)
);
--> statement-breakpoint
CREATE INDEX `service_requests_unit_idx` ON `service_requests` (`unit_id`,`raised_on`,`status`,`resolved_on`,`due_on`,`rating`);--> statement-breakpoint
CREATE INDEX `service_requests_project_idx` ON `service_requests` (`project_id`,`raised_on`);--> statement-breakpoint
CREATE INDEX `service_requests_company_idx` ON `service_requests` (`company_id`,`raised_on`);--> statement-breakpoint
CREATE INDEX `service_requests_assignee_idx` ON `service_requests` (`assignee_id`,`status`,`due_on`);--> statement-breakpoint
CREATE INDEX `service_requests_due_idx` ON `service_requests` (`status`,`due_on`);--> statement-breakpoint
CREATE TABLE `settings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`value` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_by` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `settings_key_unique` ON `settings` (`key`);