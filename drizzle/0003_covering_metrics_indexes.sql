DROP INDEX `arrivals_project_idx`;--> statement-breakpoint
CREATE INDEX `arrivals_project_idx` ON `arrivals` (`project_id`,`arrived_on`,`amount_fen`);--> statement-breakpoint
DROP INDEX `projects_fund_idx`;--> statement-breakpoint
CREATE INDEX `projects_fund_idx` ON `projects` (`source_fund_id`,`status`,`reported_on`,`negotiating_on`,`signed_on`,`registered_on`,`started_on`,`completed_on`,`producing_on`,`dropped_on`,`investment_id`,`planned_total_fen`);