DROP TRIGGER IF EXISTS audit_targets_create;
--> statement-breakpoint
CREATE TRIGGER audit_targets_create AFTER INSERT ON targets BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'targets', NEW.id, 'create', NULL, json_object('id', NEW."id", 'unitId', NEW."unit_id", 'fundId', NEW."fund_id", 'year', NEW."year", 'metric', NEW."metric", 'value', NEW."value", 'weight', NEW."weight", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_targets_update;
--> statement-breakpoint
CREATE TRIGGER audit_targets_update AFTER UPDATE ON targets BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'targets', NEW.id, 'update', json_object('id', OLD."id", 'unitId', OLD."unit_id", 'fundId', OLD."fund_id", 'year', OLD."year", 'metric', OLD."metric", 'value', OLD."value", 'weight', OLD."weight", 'version', OLD."version", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at", 'updatedBy', OLD."updated_by"), json_object('id', NEW."id", 'unitId', NEW."unit_id", 'fundId', NEW."fund_id", 'year', NEW."year", 'metric', NEW."metric", 'value', NEW."value", 'weight', NEW."weight", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
