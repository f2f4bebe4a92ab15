-- The audit triggers of the service loop's tables (scripts/audit-triggers.ts project_owners node_templates …): every write to them is in audit_log, so the data version (src/http/read-cache.ts) moves with it.
DROP TRIGGER IF EXISTS audit_project_owners_create;
--> statement-breakpoint
CREATE TRIGGER audit_project_owners_create AFTER INSERT ON project_owners BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'project_owners', NEW.id, 'create', NULL, json_object('id', NEW."id", 'projectId', NEW."project_id", 'userId', NEW."user_id", 'duty', NEW."duty", 'fromOn', NEW."from_on", 'toOn', NEW."to_on", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_project_owners_update;
--> statement-breakpoint
CREATE TRIGGER audit_project_owners_update AFTER UPDATE ON project_owners BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'project_owners', NEW.id, 'update', json_object('id', OLD."id", 'projectId', OLD."project_id", 'userId', OLD."user_id", 'duty', OLD."duty", 'fromOn', OLD."from_on", 'toOn', OLD."to_on", 'version', OLD."version", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at", 'updatedBy', OLD."updated_by"), json_object('id', NEW."id", 'projectId', NEW."project_id", 'userId', NEW."user_id", 'duty', NEW."duty", 'fromOn', NEW."from_on", 'toOn', NEW."to_on", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_node_templates_create;
--> statement-breakpoint
CREATE TRIGGER audit_node_templates_create AFTER INSERT ON node_templates BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'node_templates', NEW.id, 'create', NULL, json_object('id', NEW."id", 'name', NEW."name", 'nodes', NEW."nodes", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_node_templates_update;
--> statement-breakpoint
CREATE TRIGGER audit_node_templates_update AFTER UPDATE ON node_templates BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'node_templates', NEW.id, 'update', json_object('id', OLD."id", 'name', OLD."name", 'nodes', OLD."nodes", 'version', OLD."version", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at", 'updatedBy', OLD."updated_by"), json_object('id', NEW."id", 'name', NEW."name", 'nodes', NEW."nodes", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_project_nodes_create;
--> statement-breakpoint
CREATE TRIGGER audit_project_nodes_create AFTER INSERT ON project_nodes BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'project_nodes', NEW.id, 'create', NULL, json_object('id', NEW."id", 'projectId', NEW."project_id", 'position', NEW."position", 'name', NEW."name", 'stage', NEW."stage", 'plannedOn', NEW."planned_on", 'baselineOn', NEW."baseline_on", 'actualOn', NEW."actual_on", 'note', NEW."note", 'templateId', NEW."template_id", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_project_nodes_update;
--> statement-breakpoint
CREATE TRIGGER audit_project_nodes_update AFTER UPDATE ON project_nodes BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'project_nodes', NEW.id, 'update', json_object('id', OLD."id", 'projectId', OLD."project_id", 'position', OLD."position", 'name', OLD."name", 'stage', OLD."stage", 'plannedOn', OLD."planned_on", 'baselineOn', OLD."baseline_on", 'actualOn', OLD."actual_on", 'note', OLD."note", 'templateId', OLD."template_id", 'version', OLD."version", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at", 'updatedBy', OLD."updated_by"), json_object('id', NEW."id", 'projectId', NEW."project_id", 'position', NEW."position", 'name', NEW."name", 'stage', NEW."stage", 'plannedOn', NEW."planned_on", 'baselineOn', NEW."baseline_on", 'actualOn', NEW."actual_on", 'note', NEW."note", 'templateId', NEW."template_id", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_service_requests_create;
--> statement-breakpoint
CREATE TRIGGER audit_service_requests_create AFTER INSERT ON service_requests BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'service_requests', NEW.id, 'create', NULL, json_object('id', NEW."id", 'projectId', NEW."project_id", 'companyId', NEW."company_id", 'category', NEW."category", 'unitId', NEW."unit_id", 'assigneeId', NEW."assignee_id", 'raisedOn', NEW."raised_on", 'dueOn', NEW."due_on", 'description', NEW."description", 'status', NEW."status", 'resolvedOn', NEW."resolved_on", 'resolution', NEW."resolution", 'rating', NEW."rating", 'closedOn', NEW."closed_on", 'raisedBy', NEW."raised_by", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_service_requests_update;
--> statement-breakpoint
CREATE TRIGGER audit_service_requests_update AFTER UPDATE ON service_requests BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'service_requests', NEW.id, 'update', json_object('id', OLD."id", 'projectId', OLD."project_id", 'companyId', OLD."company_id", 'category', OLD."category", 'unitId', OLD."unit_id", 'assigneeId', OLD."assignee_id", 'raisedOn', OLD."raised_on", 'dueOn', OLD."due_on", 'description', OLD."description", 'status', OLD."status", 'resolvedOn', OLD."resolved_on", 'resolution', OLD."resolution", 'rating', OLD."rating", 'closedOn', OLD."closed_on", 'raisedBy', OLD."raised_by", 'version', OLD."version", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at", 'updatedBy', OLD."updated_by"), json_object('id', NEW."id", 'projectId', NEW."project_id", 'companyId', NEW."company_id", 'category', NEW."category", 'unitId', NEW."unit_id", 'assigneeId', NEW."assignee_id", 'raisedOn', NEW."raised_on", 'dueOn', NEW."due_on", 'description', NEW."description", 'status', NEW."status", 'resolvedOn', NEW."resolved_on", 'resolution', NEW."resolution", 'rating', NEW."rating", 'closedOn', NEW."closed_on", 'raisedBy', NEW."raised_by", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_request_events_create;
--> statement-breakpoint
CREATE TRIGGER audit_request_events_create AFTER INSERT ON request_events BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'request_events', NEW.id, 'create', NULL, json_object('id', NEW."id", 'requestId', NEW."request_id", 'status', NEW."status", 'happenedOn', NEW."happened_on", 'text', NEW."text", 'rating', NEW."rating", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_request_events_update;
--> statement-breakpoint
CREATE TRIGGER audit_request_events_update AFTER UPDATE ON request_events BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'request_events', NEW.id, 'update', json_object('id', OLD."id", 'requestId', OLD."request_id", 'status', OLD."status", 'happenedOn', OLD."happened_on", 'text', OLD."text", 'rating', OLD."rating", 'version', OLD."version", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at", 'updatedBy', OLD."updated_by"), json_object('id', NEW."id", 'requestId', NEW."request_id", 'status', NEW."status", 'happenedOn', NEW."happened_on", 'text', NEW."text", 'rating', NEW."rating", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_activities_create;
--> statement-breakpoint
CREATE TRIGGER audit_activities_create AFTER INSERT ON activities BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'activities', NEW.id, 'create', NULL, json_object('id', NEW."id", 'unitId', NEW."unit_id", 'fundId', NEW."fund_id", 'kind', NEW."kind", 'startedOn', NEW."started_on", 'endedOn', NEW."ended_on", 'destination', NEW."destination", 'topLed', NEW."top_led", 'note', NEW."note", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_activities_update;
--> statement-breakpoint
CREATE TRIGGER audit_activities_update AFTER UPDATE ON activities BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'activities', NEW.id, 'update', json_object('id', OLD."id", 'unitId', OLD."unit_id", 'fundId', OLD."fund_id", 'kind', OLD."kind", 'startedOn', OLD."started_on", 'endedOn', OLD."ended_on", 'destination', OLD."destination", 'topLed', OLD."top_led", 'note', OLD."note", 'version', OLD."version", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at", 'updatedBy', OLD."updated_by"), json_object('id', NEW."id", 'unitId', NEW."unit_id", 'fundId', NEW."fund_id", 'kind', NEW."kind", 'startedOn', NEW."started_on", 'endedOn', NEW."ended_on", 'destination', NEW."destination", 'topLed', NEW."top_led", 'note', NEW."note", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_activity_participants_create;
--> statement-breakpoint
CREATE TRIGGER audit_activity_participants_create AFTER INSERT ON activity_participants BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'activity_participants', NEW.id, 'create', NULL, json_object('id', NEW."id", 'activityId', NEW."activity_id", 'userId', NEW."user_id", 'name', NEW."name", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_activity_participants_update;
--> statement-breakpoint
CREATE TRIGGER audit_activity_participants_update AFTER UPDATE ON activity_participants BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'activity_participants', NEW.id, 'update', json_object('id', OLD."id", 'activityId', OLD."activity_id", 'userId', OLD."user_id", 'name', OLD."name", 'version', OLD."version", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at", 'updatedBy', OLD."updated_by"), json_object('id', NEW."id", 'activityId', NEW."activity_id", 'userId', NEW."user_id", 'name', NEW."name", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_activity_companies_create;
--> statement-breakpoint
CREATE TRIGGER audit_activity_companies_create AFTER INSERT ON activity_companies BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'activity_companies', NEW.id, 'create', NULL, json_object('id', NEW."id", 'activityId', NEW."activity_id", 'name', NEW."name", 'nameKey', NEW."name_key", 'companyId', NEW."company_id", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_activity_companies_update;
--> statement-breakpoint
CREATE TRIGGER audit_activity_companies_update AFTER UPDATE ON activity_companies BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'activity_companies', NEW.id, 'update', json_object('id', OLD."id", 'activityId', OLD."activity_id", 'name', OLD."name", 'nameKey', OLD."name_key", 'companyId', OLD."company_id", 'version', OLD."version", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at", 'updatedBy', OLD."updated_by"), json_object('id', NEW."id", 'activityId', NEW."activity_id", 'name', NEW."name", 'nameKey', NEW."name_key", 'companyId', NEW."company_id", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_activity_projects_create;
--> statement-breakpoint
CREATE TRIGGER audit_activity_projects_create AFTER INSERT ON activity_projects BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'activity_projects', NEW.id, 'create', NULL, json_object('id', NEW."id", 'activityId', NEW."activity_id", 'projectId', NEW."project_id", 'link', NEW."link", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_activity_projects_update;
--> statement-breakpoint
CREATE TRIGGER audit_activity_projects_update AFTER UPDATE ON activity_projects BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'activity_projects', NEW.id, 'update', json_object('id', OLD."id", 'activityId', OLD."activity_id", 'projectId', OLD."project_id", 'link', OLD."link", 'version', OLD."version", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at", 'updatedBy', OLD."updated_by"), json_object('id', NEW."id", 'activityId', NEW."activity_id", 'projectId', NEW."project_id", 'link', NEW."link", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_settings_create;
--> statement-breakpoint
CREATE TRIGGER audit_settings_create AFTER INSERT ON settings BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'settings', NEW.id, 'create', NULL, json_object('id', NEW."id", 'key', NEW."key", 'value', NEW."value", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_settings_update;
--> statement-breakpoint
CREATE TRIGGER audit_settings_update AFTER UPDATE ON settings BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'settings', NEW.id, 'update', json_object('id', OLD."id", 'key', OLD."key", 'value', OLD."value", 'version', OLD."version", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at", 'updatedBy', OLD."updated_by"), json_object('id', NEW."id", 'key', NEW."key", 'value', NEW."value", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
