CREATE TABLE `fund_tree` (
	`ancestor_id` integer NOT NULL,
	`descendant_id` integer NOT NULL,
	`depth` integer NOT NULL,
	PRIMARY KEY(`ancestor_id`, `descendant_id`)
);
--> statement-breakpoint
CREATE INDEX `fund_tree_descendant_idx` ON `fund_tree` (`descendant_id`,`ancestor_id`);--> statement-breakpoint
CREATE TABLE `unit_tree` (
	`ancestor_id` integer NOT NULL,
	`descendant_id` integer NOT NULL,
	`depth` integer NOT NULL,
	PRIMARY KEY(`ancestor_id`, `descendant_id`)
);
--> statement-breakpoint
CREATE INDEX `unit_tree_descendant_idx` ON `unit_tree` (`descendant_id`,`ancestor_id`);--> statement-breakpoint
-- fund_tree: every (ancestor, descendant) pair of funds, the row itself at depth 0. Filled from the rows already there,
-- then kept by the triggers below in the same statement as each insert, move or delete.
INSERT INTO `fund_tree` (`ancestor_id`, `descendant_id`, `depth`)
WITH RECURSIVE up(`ancestor_id`, `descendant_id`, `depth`) AS (
  SELECT `id`, `id`, 0 FROM `funds`
  UNION ALL
  SELECT p.`parent_id`, up.`descendant_id`, up.`depth` + 1 FROM up JOIN `funds` p ON p.`id` = up.`ancestor_id` WHERE p.`parent_id` IS NOT NULL
)
SELECT `ancestor_id`, `descendant_id`, `depth` FROM up;
--> statement-breakpoint
CREATE TRIGGER `fund_tree_insert` AFTER INSERT ON `funds` BEGIN
  INSERT INTO `fund_tree` (`ancestor_id`, `descendant_id`, `depth`)
  SELECT NEW.`id`, NEW.`id`, 0
  UNION ALL
  SELECT `ancestor_id`, NEW.`id`, `depth` + 1 FROM `fund_tree` WHERE `descendant_id` = NEW.`parent_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `fund_tree_move` AFTER UPDATE OF `parent_id` ON `funds` WHEN OLD.`parent_id` IS NOT NEW.`parent_id` BEGIN
  DELETE FROM `fund_tree`
  WHERE `descendant_id` IN (SELECT `descendant_id` FROM `fund_tree` WHERE `ancestor_id` = NEW.`id`)
    AND `ancestor_id` NOT IN (SELECT `descendant_id` FROM `fund_tree` WHERE `ancestor_id` = NEW.`id`);
  INSERT INTO `fund_tree` (`ancestor_id`, `descendant_id`, `depth`)
  SELECT a.`ancestor_id`, d.`descendant_id`, a.`depth` + d.`depth` + 1
  FROM `fund_tree` a JOIN `fund_tree` d ON d.`ancestor_id` = NEW.`id`
  WHERE a.`descendant_id` = NEW.`parent_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `fund_tree_delete` AFTER DELETE ON `funds` BEGIN
  DELETE FROM `fund_tree` WHERE `descendant_id` = OLD.`id` OR `ancestor_id` = OLD.`id`;
END;
--> statement-breakpoint
-- unit_tree: every (ancestor, descendant) pair of units, the row itself at depth 0. Filled from the rows already there,
-- then kept by the triggers below in the same statement as each insert, move or delete.
INSERT INTO `unit_tree` (`ancestor_id`, `descendant_id`, `depth`)
WITH RECURSIVE up(`ancestor_id`, `descendant_id`, `depth`) AS (
  SELECT `id`, `id`, 0 FROM `units`
  UNION ALL
  SELECT p.`parent_id`, up.`descendant_id`, up.`depth` + 1 FROM up JOIN `units` p ON p.`id` = up.`ancestor_id` WHERE p.`parent_id` IS NOT NULL
)
SELECT `ancestor_id`, `descendant_id`, `depth` FROM up;
--> statement-breakpoint
CREATE TRIGGER `unit_tree_insert` AFTER INSERT ON `units` BEGIN
  INSERT INTO `unit_tree` (`ancestor_id`, `descendant_id`, `depth`)
  SELECT NEW.`id`, NEW.`id`, 0
  UNION ALL
  SELECT `ancestor_id`, NEW.`id`, `depth` + 1 FROM `unit_tree` WHERE `descendant_id` = NEW.`parent_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `unit_tree_move` AFTER UPDATE OF `parent_id` ON `units` WHEN OLD.`parent_id` IS NOT NEW.`parent_id` BEGIN
  DELETE FROM `unit_tree`
  WHERE `descendant_id` IN (SELECT `descendant_id` FROM `unit_tree` WHERE `ancestor_id` = NEW.`id`)
    AND `ancestor_id` NOT IN (SELECT `descendant_id` FROM `unit_tree` WHERE `ancestor_id` = NEW.`id`);
  INSERT INTO `unit_tree` (`ancestor_id`, `descendant_id`, `depth`)
  SELECT a.`ancestor_id`, d.`descendant_id`, a.`depth` + d.`depth` + 1
  FROM `unit_tree` a JOIN `unit_tree` d ON d.`ancestor_id` = NEW.`id`
  WHERE a.`descendant_id` = NEW.`parent_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `unit_tree_delete` AFTER DELETE ON `units` BEGIN
  DELETE FROM `unit_tree` WHERE `descendant_id` = OLD.`id` OR `ancestor_id` = OLD.`id`;
END;
