-- A project's arrivals in summary (schema.ts: projects.first_arrival_on … arrived_lo) and the date of its latest current
-- milestone (last_milestone_on), kept by triggers on arrivals and milestones in the same statement as every such write,
-- so the outcome pass reads arrivals from its covering index and 长期无进展 rarely looks anything up.
-- The audit trigger of projects first stops firing on those columns alone: the backfill below is nobody's change.
DROP TRIGGER IF EXISTS audit_projects_update;
--> statement-breakpoint
CREATE TRIGGER audit_projects_update AFTER UPDATE OF "id", "name", "company_id", "company_key", "source_type", "source_fund_id", "investment_id", "introducer", "reported_on", "planned_total_fen", "planned_fixed_asset_fen", "foreign", "chain", "chain_node", "chain_action", "introducing_unit_id", "landing_unit_id", "status", "status_reason", "negotiating_on", "signed_on", "registered_on", "started_on", "completed_on", "producing_on", "dropped_on", "version", "created_at", "updated_at", "updated_by" ON projects BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'projects', NEW.id, 'update', json_object('id', OLD."id", 'name', OLD."name", 'companyId', OLD."company_id", 'companyKey', OLD."company_key", 'sourceType', OLD."source_type", 'sourceFundId', OLD."source_fund_id", 'investmentId', OLD."investment_id", 'introducer', OLD."introducer", 'reportedOn', OLD."reported_on", 'plannedTotalFen', OLD."planned_total_fen", 'plannedFixedAssetFen', OLD."planned_fixed_asset_fen", 'foreign', OLD."foreign", 'chain', OLD."chain", 'chainNode', OLD."chain_node", 'chainAction', OLD."chain_action", 'introducingUnitId', OLD."introducing_unit_id", 'landingUnitId', OLD."landing_unit_id", 'status', OLD."status", 'statusReason', OLD."status_reason", 'negotiatingOn', OLD."negotiating_on", 'signedOn', OLD."signed_on", 'registeredOn', OLD."registered_on", 'startedOn', OLD."started_on", 'completedOn', OLD."completed_on", 'producingOn', OLD."producing_on", 'droppedOn', OLD."dropped_on", 'version', OLD."version", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at", 'updatedBy', OLD."updated_by"), json_object('id', NEW."id", 'name', NEW."name", 'companyId', NEW."company_id", 'companyKey', NEW."company_key", 'sourceType', NEW."source_type", 'sourceFundId', NEW."source_fund_id", 'investmentId', NEW."investment_id", 'introducer', NEW."introducer", 'reportedOn', NEW."reported_on", 'plannedTotalFen', NEW."planned_total_fen", 'plannedFixedAssetFen', NEW."planned_fixed_asset_fen", 'foreign', NEW."foreign", 'chain', NEW."chain", 'chainNode', NEW."chain_node", 'chainAction', NEW."chain_action", 'introducingUnitId', NEW."introducing_unit_id", 'landingUnitId', NEW."landing_unit_id", 'status', NEW."status", 'statusReason', NEW."status_reason", 'negotiatingOn', NEW."negotiating_on", 'signedOn', NEW."signed_on", 'registeredOn', NEW."registered_on", 'startedOn', NEW."started_on", 'completedOn', NEW."completed_on", 'producingOn', NEW."producing_on", 'droppedOn', NEW."dropped_on", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
--> statement-breakpoint
DROP INDEX `projects_fund_idx`;
--> statement-breakpoint
DROP INDEX `projects_introducing_unit_idx`;
--> statement-breakpoint
DROP INDEX `projects_landing_unit_idx`;
--> statement-breakpoint
ALTER TABLE `projects` ADD `first_arrival_on` text;
--> statement-breakpoint
ALTER TABLE `projects` ADD `last_arrival_on` text;
--> statement-breakpoint
ALTER TABLE `projects` ADD `arrived_hi` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
ALTER TABLE `projects` ADD `arrived_lo` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
ALTER TABLE `projects` ADD `last_milestone_on` text;
--> statement-breakpoint
UPDATE projects SET last_milestone_on = (SELECT max(happened_on) FROM milestones WHERE milestones.project_id = projects.id AND milestones."current" = 1)
WHERE id IN (SELECT project_id FROM milestones);
--> statement-breakpoint
UPDATE projects SET (first_arrival_on, last_arrival_on, arrived_hi, arrived_lo) = (
  SELECT min(arrived_on), max(arrived_on), coalesce(sum(amount_fen / 1000000000), 0), coalesce(sum(amount_fen % 1000000000), 0) FROM arrivals WHERE arrivals.project_id = projects.id
) WHERE id IN (SELECT project_id FROM arrivals);
--> statement-breakpoint
CREATE TRIGGER arrivals_summary_insert AFTER INSERT ON arrivals BEGIN
  UPDATE projects SET arrived_hi = arrived_hi + NEW.amount_fen / 1000000000, arrived_lo = arrived_lo + NEW.amount_fen % 1000000000,
    first_arrival_on = min(coalesce(first_arrival_on, NEW.arrived_on), NEW.arrived_on),
    last_arrival_on = max(coalesce(last_arrival_on, NEW.arrived_on), NEW.arrived_on)
  WHERE id = NEW.project_id;
END;
--> statement-breakpoint
CREATE TRIGGER arrivals_summary_delete AFTER DELETE ON arrivals BEGIN
  UPDATE projects SET arrived_hi = arrived_hi - OLD.amount_fen / 1000000000, arrived_lo = arrived_lo - OLD.amount_fen % 1000000000,
    first_arrival_on = (SELECT min(arrived_on) FROM arrivals WHERE project_id = OLD.project_id),
    last_arrival_on = (SELECT max(arrived_on) FROM arrivals WHERE project_id = OLD.project_id)
  WHERE id = OLD.project_id;
END;
--> statement-breakpoint
CREATE TRIGGER arrivals_summary_update AFTER UPDATE OF project_id, amount_fen, arrived_on ON arrivals BEGIN
  UPDATE projects SET arrived_hi = arrived_hi - OLD.amount_fen / 1000000000, arrived_lo = arrived_lo - OLD.amount_fen % 1000000000,
    first_arrival_on = (SELECT min(arrived_on) FROM arrivals WHERE project_id = OLD.project_id),
    last_arrival_on = (SELECT max(arrived_on) FROM arrivals WHERE project_id = OLD.project_id)
  WHERE id = OLD.project_id;
  UPDATE projects SET arrived_hi = arrived_hi + NEW.amount_fen / 1000000000, arrived_lo = arrived_lo + NEW.amount_fen % 1000000000,
    first_arrival_on = (SELECT min(arrived_on) FROM arrivals WHERE project_id = NEW.project_id),
    last_arrival_on = (SELECT max(arrived_on) FROM arrivals WHERE project_id = NEW.project_id)
  WHERE id = NEW.project_id;
END;
--> statement-breakpoint
CREATE TRIGGER milestones_summary_insert AFTER INSERT ON milestones BEGIN
  UPDATE projects SET last_milestone_on = (SELECT max(happened_on) FROM milestones WHERE project_id = NEW.project_id AND "current" = 1) WHERE id = NEW.project_id;
END;
--> statement-breakpoint
CREATE TRIGGER milestones_summary_delete AFTER DELETE ON milestones BEGIN
  UPDATE projects SET last_milestone_on = (SELECT max(happened_on) FROM milestones WHERE project_id = OLD.project_id AND "current" = 1) WHERE id = OLD.project_id;
END;
--> statement-breakpoint
CREATE TRIGGER milestones_summary_update AFTER UPDATE OF project_id, happened_on, "current" ON milestones BEGIN
  UPDATE projects SET last_milestone_on = (SELECT max(happened_on) FROM milestones WHERE project_id = OLD.project_id AND "current" = 1) WHERE id = OLD.project_id;
  UPDATE projects SET last_milestone_on = (SELECT max(happened_on) FROM milestones WHERE project_id = NEW.project_id AND "current" = 1) WHERE id = NEW.project_id;
END;
--> statement-breakpoint
CREATE INDEX `projects_fund_idx` ON `projects` (`source_fund_id`,`status`,`reported_on`,`negotiating_on`,`signed_on`,`registered_on`,`started_on`,`completed_on`,`producing_on`,`dropped_on`,`investment_id`,`planned_total_fen`,`first_arrival_on`,`last_arrival_on`,`arrived_hi`,`arrived_lo`);
--> statement-breakpoint
CREATE INDEX `projects_introducing_unit_idx` ON `projects` (`introducing_unit_id`,`status`,`reported_on`,`negotiating_on`,`signed_on`,`registered_on`,`started_on`,`completed_on`,`producing_on`,`dropped_on`,`investment_id`,`planned_total_fen`,`source_fund_id`,`first_arrival_on`,`last_arrival_on`,`arrived_hi`,`arrived_lo`);
--> statement-breakpoint
CREATE INDEX `projects_landing_unit_idx` ON `projects` (`landing_unit_id`,`status`,`reported_on`,`negotiating_on`,`signed_on`,`registered_on`,`started_on`,`completed_on`,`producing_on`,`dropped_on`,`investment_id`,`planned_total_fen`,`source_fund_id`,`first_arrival_on`,`last_arrival_on`,`arrived_hi`,`arrived_lo`);
--> statement-breakpoint
CREATE INDEX `projects_chain_idx` ON `projects` (`chain`,`chain_node`,`chain_action`,`status`,`reported_on`,`registered_on`,`dropped_on`,`planned_total_fen`,`source_fund_id`,`introducing_unit_id`,`landing_unit_id`,`first_arrival_on`,`last_arrival_on`,`arrived_hi`,`arrived_lo`);
