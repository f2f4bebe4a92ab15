-- 到资认定 (SPEC §9): only confirmed arrivals count. Every existing arrival was counted the moment it was posted, so
-- each is confirmed (0021's column default), entered and reviewed on the China day it was entered, by whoever
-- entered it; that backfill is nobody's change, so the audit trigger of arrivals is dropped before it and made again
-- after it, with the new columns.
DROP TRIGGER IF EXISTS audit_arrivals_update;
--> statement-breakpoint
UPDATE arrivals SET entered_on = date(created_at, '+8 hours'), reviewed_on = date(created_at, '+8 hours'), reviewed_by = updated_by;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_arrivals_create;
--> statement-breakpoint
CREATE TRIGGER audit_arrivals_create AFTER INSERT ON arrivals BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'arrivals', NEW.id, 'create', NULL, json_object('id', NEW."id", 'projectId', NEW."project_id", 'amountFen', NEW."amount_fen", 'arrivedOn', NEW."arrived_on", 'kind', NEW."kind", 'currency', NEW."currency", 'originalAmount', NEW."original_amount", 'exchangeRate', NEW."exchange_rate", 'status', NEW."status", 'statusReason', NEW."status_reason", 'enteredOn', NEW."entered_on", 'reviewedOn', NEW."reviewed_on", 'reviewedBy', NEW."reviewed_by", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_arrivals_update;
--> statement-breakpoint
CREATE TRIGGER audit_arrivals_update AFTER UPDATE ON arrivals BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'arrivals', NEW.id, 'update', json_object('id', OLD."id", 'projectId', OLD."project_id", 'amountFen', OLD."amount_fen", 'arrivedOn', OLD."arrived_on", 'kind', OLD."kind", 'currency', OLD."currency", 'originalAmount', OLD."original_amount", 'exchangeRate', OLD."exchange_rate", 'status', OLD."status", 'statusReason', OLD."status_reason", 'enteredOn', OLD."entered_on", 'reviewedOn', OLD."reviewed_on", 'reviewedBy', OLD."reviewed_by", 'version', OLD."version", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at", 'updatedBy', OLD."updated_by"), json_object('id', NEW."id", 'projectId', NEW."project_id", 'amountFen', NEW."amount_fen", 'arrivedOn', NEW."arrived_on", 'kind', NEW."kind", 'currency', NEW."currency", 'originalAmount', NEW."original_amount", 'exchangeRate', NEW."exchange_rate", 'status', NEW."status", 'statusReason', NEW."status_reason", 'enteredOn', NEW."entered_on", 'reviewedOn', NEW."reviewed_on", 'reviewedBy', NEW."reviewed_by", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
--> statement-breakpoint
-- A project's arrival summary (0017: first and last arrival dates, amounts in split parts) holds its confirmed
-- arrivals only: a pending or rejected arrival adds nothing, confirming one adds it, rejecting a confirmed one takes
-- it out again. Every existing arrival is confirmed, so the summaries already hold what they must.
DROP TRIGGER IF EXISTS arrivals_summary_insert;
--> statement-breakpoint
DROP TRIGGER IF EXISTS arrivals_summary_delete;
--> statement-breakpoint
DROP TRIGGER IF EXISTS arrivals_summary_update;
--> statement-breakpoint
CREATE TRIGGER arrivals_summary_insert AFTER INSERT ON arrivals WHEN NEW.status = 'confirmed' BEGIN
  UPDATE projects SET arrived_hi = arrived_hi + NEW.amount_fen / 1000000000, arrived_lo = arrived_lo + NEW.amount_fen % 1000000000,
    first_arrival_on = min(coalesce(first_arrival_on, NEW.arrived_on), NEW.arrived_on),
    last_arrival_on = max(coalesce(last_arrival_on, NEW.arrived_on), NEW.arrived_on)
  WHERE id = NEW.project_id;
END;
--> statement-breakpoint
CREATE TRIGGER arrivals_summary_delete AFTER DELETE ON arrivals WHEN OLD.status = 'confirmed' BEGIN
  UPDATE projects SET arrived_hi = arrived_hi - OLD.amount_fen / 1000000000, arrived_lo = arrived_lo - OLD.amount_fen % 1000000000,
    first_arrival_on = (SELECT min(arrived_on) FROM arrivals WHERE project_id = OLD.project_id AND status = 'confirmed'),
    last_arrival_on = (SELECT max(arrived_on) FROM arrivals WHERE project_id = OLD.project_id AND status = 'confirmed')
  WHERE id = OLD.project_id;
END;
--> statement-breakpoint
CREATE TRIGGER arrivals_summary_update AFTER UPDATE OF project_id, amount_fen, arrived_on, status ON arrivals BEGIN
  UPDATE projects SET arrived_hi = arrived_hi - OLD.amount_fen / 1000000000, arrived_lo = arrived_lo - OLD.amount_fen % 1000000000,
    first_arrival_on = (SELECT min(arrived_on) FROM arrivals WHERE project_id = OLD.project_id AND status = 'confirmed'),
    last_arrival_on = (SELECT max(arrived_on) FROM arrivals WHERE project_id = OLD.project_id AND status = 'confirmed')
  WHERE id = OLD.project_id AND OLD.status = 'confirmed';
  UPDATE projects SET arrived_hi = arrived_hi + NEW.amount_fen / 1000000000, arrived_lo = arrived_lo + NEW.amount_fen % 1000000000,
    first_arrival_on = (SELECT min(arrived_on) FROM arrivals WHERE project_id = NEW.project_id AND status = 'confirmed'),
    last_arrival_on = (SELECT max(arrived_on) FROM arrivals WHERE project_id = NEW.project_id AND status = 'confirmed')
  WHERE id = NEW.project_id AND NEW.status = 'confirmed';
END;
