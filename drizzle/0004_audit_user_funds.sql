-- Which funds a manager is bound to decides what it may see, so binding is audited too. user_funds has no
-- updated_by of its own: the binding is written with its user, in the same atomic write, so the user row's
-- updated_by is the admin who made it.
CREATE TRIGGER audit_user_funds_create AFTER INSERT ON user_funds BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES ((SELECT updated_by FROM users WHERE id = NEW.user_id), 'user_funds', NEW.user_id, 'create', NULL,
          json_object('userId', NEW.user_id, 'fundId', NEW.fund_id));
END;
--> statement-breakpoint
CREATE TRIGGER audit_user_funds_delete AFTER DELETE ON user_funds BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES ((SELECT updated_by FROM users WHERE id = OLD.user_id), 'user_funds', OLD.user_id, 'delete',
          json_object('userId', OLD.user_id, 'fundId', OLD.fund_id), NULL);
END;
