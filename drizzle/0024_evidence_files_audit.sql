-- The audit triggers of files (scripts/audit-triggers.ts files): every upload and every soft delete is in audit_log.
DROP TRIGGER IF EXISTS audit_files_create;
--> statement-breakpoint
CREATE TRIGGER audit_files_create AFTER INSERT ON files BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'files', NEW.id, 'create', NULL, json_object('id', NEW."id", 'subjectType', NEW."subject_type", 'subjectId', NEW."subject_id", 'name', NEW."name", 'type', NEW."type", 'size', NEW."size", 'sha256', NEW."sha256", 'uploadedBy', NEW."uploaded_by", 'deletedAt', NEW."deleted_at", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_files_update;
--> statement-breakpoint
CREATE TRIGGER audit_files_update AFTER UPDATE ON files BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'files', NEW.id, 'update', json_object('id', OLD."id", 'subjectType', OLD."subject_type", 'subjectId', OLD."subject_id", 'name', OLD."name", 'type', OLD."type", 'size', OLD."size", 'sha256', OLD."sha256", 'uploadedBy', OLD."uploaded_by", 'deletedAt', OLD."deleted_at", 'version', OLD."version", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at", 'updatedBy', OLD."updated_by"), json_object('id', NEW."id", 'subjectType', NEW."subject_type", 'subjectId', NEW."subject_id", 'name', NEW."name", 'type', NEW."type", 'size', NEW."size", 'sha256', NEW."sha256", 'uploadedBy', NEW."uploaded_by", 'deletedAt', NEW."deleted_at", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
