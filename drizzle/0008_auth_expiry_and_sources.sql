ALTER TABLE `login_failures` ADD `source` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `login_failures_source_idx` ON `login_failures` (`source`,`failed_at`);--> statement-breakpoint
CREATE INDEX `login_failures_at_idx` ON `login_failures` (`failed_at`);--> statement-breakpoint
CREATE INDEX `idempotency_created_idx` ON `idempotency_keys` (`created_at`);--> statement-breakpoint
CREATE INDEX `sessions_expires_idx` ON `sessions` (`expires_at`);--> statement-breakpoint
-- Sessions of users revoked before revoking ended them: a re-issued token must not bring them back.
DELETE FROM `sessions` WHERE `user_id` IN (SELECT `id` FROM `users` WHERE `revoked_at` IS NOT NULL);--> statement-breakpoint
-- Stored answers that carry an API token (POST /api/users, /api/users/:id/token): no secret stays at rest.
DELETE FROM `idempotency_keys` WHERE `body` LIKE '%"token":"ty\_%' ESCAPE '\';
