-- The audit triggers of the key chains (重点产业链): scripts/audit-triggers.ts, the chains table only.
DROP TRIGGER IF EXISTS audit_chains_create;
--> statement-breakpoint
CREATE TRIGGER audit_chains_create AFTER INSERT ON chains BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'chains', NEW.id, 'create', NULL, json_object('id', NEW."id", 'name', NEW."name", 'leader', NEW."leader", 'leadCompanies', NEW."lead_companies", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_chains_update;
--> statement-breakpoint
CREATE TRIGGER audit_chains_update AFTER UPDATE ON chains BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'chains', NEW.id, 'update', json_object('id', OLD."id", 'name', OLD."name", 'leader', OLD."leader", 'leadCompanies', OLD."lead_companies", 'version', OLD."version", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at", 'updatedBy', OLD."updated_by"), json_object('id', NEW."id", 'name', NEW."name", 'leader', NEW."leader", 'leadCompanies', NEW."lead_companies", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
