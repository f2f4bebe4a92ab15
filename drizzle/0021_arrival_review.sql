DROP INDEX `arrivals_project_idx`;--> statement-breakpoint
ALTER TABLE `arrivals` ADD `status` text DEFAULT 'confirmed' NOT NULL;--> statement-breakpoint
ALTER TABLE `arrivals` ADD `status_reason` text;--> statement-breakpoint
ALTER TABLE `arrivals` ADD `entered_on` text;--> statement-breakpoint
ALTER TABLE `arrivals` ADD `reviewed_on` text;--> statement-breakpoint
ALTER TABLE `arrivals` ADD `reviewed_by` integer;--> statement-breakpoint
CREATE INDEX `arrivals_status_idx` ON `arrivals` (`status`,`reviewed_on`,`entered_on`,`arrived_on`,`amount_fen`,`project_id`);--> statement-breakpoint
CREATE INDEX `arrivals_project_idx` ON `arrivals` (`project_id`,`status`,`arrived_on`,`amount_fen`);