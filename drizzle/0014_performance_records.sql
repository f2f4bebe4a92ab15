CREATE TABLE `distributions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`fund_id` integer NOT NULL,
	`amount_fen` integer NOT NULL,
	`paid_on` text NOT NULL,
	`kind` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`fund_id`) REFERENCES `funds`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "distributions_amount_nonneg" CHECK("distributions"."amount_fen" >= 0)
);
--> statement-breakpoint
CREATE INDEX `distributions_fund_idx` ON `distributions` (`fund_id`,`paid_on`,`amount_fen`);--> statement-breakpoint
CREATE TABLE `indicator_thresholds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`indicator` text NOT NULL,
	`comparison` text NOT NULL,
	`value` text NOT NULL,
	`label` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_by` integer
);
--> statement-breakpoint
CREATE TABLE `valuations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`fund_id` integer NOT NULL,
	`nav_fen` integer NOT NULL,
	`valued_on` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`fund_id`) REFERENCES `funds`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "valuations_nav_nonneg" CHECK("valuations"."nav_fen" >= 0)
);
--> statement-breakpoint
CREATE INDEX `valuations_fund_idx` ON `valuations` (`fund_id`,`valued_on`);--> statement-breakpoint
ALTER TABLE `companies` ADD `hightech` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `companies` ADD `specialized` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `companies` ADD `sme` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `companies` ADD `private` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `investments` ADD `exited_on` text;--> statement-breakpoint
ALTER TABLE `investments` ADD `exit_proceeds_fen` integer;