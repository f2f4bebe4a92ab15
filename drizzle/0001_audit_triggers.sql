DROP TRIGGER IF EXISTS audit_users_create;
--> statement-breakpoint
CREATE TRIGGER audit_users_create AFTER INSERT ON users BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'users', NEW.id, 'create', NULL, json_object('id', NEW."id", 'username', NEW."username", 'displayName', NEW."display_name", 'role', NEW."role", 'revokedAt', NEW."revoked_at", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_users_update;
--> statement-breakpoint
CREATE TRIGGER audit_users_update AFTER UPDATE ON users BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'users', NEW.id, 'update', json_object('id', OLD."id", 'username', OLD."username", 'displayName', OLD."display_name", 'role', OLD."role", 'revokedAt', OLD."revoked_at", 'version', OLD."version", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at", 'updatedBy', OLD."updated_by"), json_object('id', NEW."id", 'username', NEW."username", 'displayName', NEW."display_name", 'role', NEW."role", 'revokedAt', NEW."revoked_at", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_units_create;
--> statement-breakpoint
CREATE TRIGGER audit_units_create AFTER INSERT ON units BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'units', NEW.id, 'create', NULL, json_object('id', NEW."id", 'name', NEW."name", 'code', NEW."code", 'parentId', NEW."parent_id", 'peerGroup', NEW."peer_group", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_units_update;
--> statement-breakpoint
CREATE TRIGGER audit_units_update AFTER UPDATE ON units BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'units', NEW.id, 'update', json_object('id', OLD."id", 'name', OLD."name", 'code', OLD."code", 'parentId', OLD."parent_id", 'peerGroup', OLD."peer_group", 'version', OLD."version", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at", 'updatedBy', OLD."updated_by"), json_object('id', NEW."id", 'name', NEW."name", 'code', NEW."code", 'parentId', NEW."parent_id", 'peerGroup', NEW."peer_group", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_funds_create;
--> statement-breakpoint
CREATE TRIGGER audit_funds_create AFTER INSERT ON funds BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'funds', NEW.id, 'create', NULL, json_object('id', NEW."id", 'name', NEW."name", 'level', NEW."level", 'parentId', NEW."parent_id", 'manager', NEW."manager", 'homeUnitId', NEW."home_unit_id", 'establishedOn', NEW."established_on", 'reinvestMultiple', NEW."reinvest_multiple", 'reinvestBase', NEW."reinvest_base", 'reinvestWeights', NEW."reinvest_weights", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_funds_update;
--> statement-breakpoint
CREATE TRIGGER audit_funds_update AFTER UPDATE ON funds BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'funds', NEW.id, 'update', json_object('id', OLD."id", 'name', OLD."name", 'level', OLD."level", 'parentId', OLD."parent_id", 'manager', OLD."manager", 'homeUnitId', OLD."home_unit_id", 'establishedOn', OLD."established_on", 'reinvestMultiple', OLD."reinvest_multiple", 'reinvestBase', OLD."reinvest_base", 'reinvestWeights', OLD."reinvest_weights", 'version', OLD."version", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at", 'updatedBy', OLD."updated_by"), json_object('id', NEW."id", 'name', NEW."name", 'level', NEW."level", 'parentId', NEW."parent_id", 'manager', NEW."manager", 'homeUnitId', NEW."home_unit_id", 'establishedOn', NEW."established_on", 'reinvestMultiple', NEW."reinvest_multiple", 'reinvestBase', NEW."reinvest_base", 'reinvestWeights', NEW."reinvest_weights", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_commitments_create;
--> statement-breakpoint
CREATE TRIGGER audit_commitments_create AFTER INSERT ON commitments BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'commitments', NEW.id, 'create', NULL, json_object('id', NEW."id", 'fundId', NEW."fund_id", 'investorType', NEW."investor_type", 'investorName', NEW."investor_name", 'investorFundId', NEW."investor_fund_id", 'amountFen', NEW."amount_fen", 'committedOn', NEW."committed_on", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_commitments_update;
--> statement-breakpoint
CREATE TRIGGER audit_commitments_update AFTER UPDATE ON commitments BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'commitments', NEW.id, 'update', json_object('id', OLD."id", 'fundId', OLD."fund_id", 'investorType', OLD."investor_type", 'investorName', OLD."investor_name", 'investorFundId', OLD."investor_fund_id", 'amountFen', OLD."amount_fen", 'committedOn', OLD."committed_on", 'version', OLD."version", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at", 'updatedBy', OLD."updated_by"), json_object('id', NEW."id", 'fundId', NEW."fund_id", 'investorType', NEW."investor_type", 'investorName', NEW."investor_name", 'investorFundId', NEW."investor_fund_id", 'amountFen', NEW."amount_fen", 'committedOn', NEW."committed_on", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_contributions_create;
--> statement-breakpoint
CREATE TRIGGER audit_contributions_create AFTER INSERT ON contributions BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'contributions', NEW.id, 'create', NULL, json_object('id', NEW."id", 'commitmentId', NEW."commitment_id", 'amountFen', NEW."amount_fen", 'paidOn', NEW."paid_on", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_contributions_update;
--> statement-breakpoint
CREATE TRIGGER audit_contributions_update AFTER UPDATE ON contributions BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'contributions', NEW.id, 'update', json_object('id', OLD."id", 'commitmentId', OLD."commitment_id", 'amountFen', OLD."amount_fen", 'paidOn', OLD."paid_on", 'version', OLD."version", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at", 'updatedBy', OLD."updated_by"), json_object('id', NEW."id", 'commitmentId', NEW."commitment_id", 'amountFen', NEW."amount_fen", 'paidOn', NEW."paid_on", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_companies_create;
--> statement-breakpoint
CREATE TRIGGER audit_companies_create AFTER INSERT ON companies BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'companies', NEW.id, 'create', NULL, json_object('id', NEW."id", 'name', NEW."name", 'nameKey', NEW."name_key", 'creditCode', NEW."credit_code", 'unitId', NEW."unit_id", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_companies_update;
--> statement-breakpoint
CREATE TRIGGER audit_companies_update AFTER UPDATE ON companies BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'companies', NEW.id, 'update', json_object('id', OLD."id", 'name', OLD."name", 'nameKey', OLD."name_key", 'creditCode', OLD."credit_code", 'unitId', OLD."unit_id", 'version', OLD."version", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at", 'updatedBy', OLD."updated_by"), json_object('id', NEW."id", 'name', NEW."name", 'nameKey', NEW."name_key", 'creditCode', NEW."credit_code", 'unitId', NEW."unit_id", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_investments_create;
--> statement-breakpoint
CREATE TRIGGER audit_investments_create AFTER INSERT ON investments BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'investments', NEW.id, 'create', NULL, json_object('id', NEW."id", 'fundId', NEW."fund_id", 'companyId', NEW."company_id", 'amountFen', NEW."amount_fen", 'investedOn', NEW."invested_on", 'kind', NEW."kind", 'round', NEW."round", 'roundSizeFen', NEW."round_size_fen", 'preMoneyFen', NEW."pre_money_fen", 'lead', NEW."lead", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_investments_update;
--> statement-breakpoint
CREATE TRIGGER audit_investments_update AFTER UPDATE ON investments BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'investments', NEW.id, 'update', json_object('id', OLD."id", 'fundId', OLD."fund_id", 'companyId', OLD."company_id", 'amountFen', OLD."amount_fen", 'investedOn', OLD."invested_on", 'kind', OLD."kind", 'round', OLD."round", 'roundSizeFen', OLD."round_size_fen", 'preMoneyFen', OLD."pre_money_fen", 'lead', OLD."lead", 'version', OLD."version", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at", 'updatedBy', OLD."updated_by"), json_object('id', NEW."id", 'fundId', NEW."fund_id", 'companyId', NEW."company_id", 'amountFen', NEW."amount_fen", 'investedOn', NEW."invested_on", 'kind', NEW."kind", 'round', NEW."round", 'roundSizeFen', NEW."round_size_fen", 'preMoneyFen', NEW."pre_money_fen", 'lead', NEW."lead", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_projects_create;
--> statement-breakpoint
CREATE TRIGGER audit_projects_create AFTER INSERT ON projects BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'projects', NEW.id, 'create', NULL, json_object('id', NEW."id", 'name', NEW."name", 'companyId', NEW."company_id", 'companyKey', NEW."company_key", 'sourceType', NEW."source_type", 'sourceFundId', NEW."source_fund_id", 'investmentId', NEW."investment_id", 'introducer', NEW."introducer", 'reportedOn', NEW."reported_on", 'plannedTotalFen', NEW."planned_total_fen", 'plannedFixedAssetFen', NEW."planned_fixed_asset_fen", 'foreign', NEW."foreign", 'chain', NEW."chain", 'chainNode', NEW."chain_node", 'chainAction', NEW."chain_action", 'introducingUnitId', NEW."introducing_unit_id", 'landingUnitId', NEW."landing_unit_id", 'status', NEW."status", 'statusReason', NEW."status_reason", 'negotiatingOn', NEW."negotiating_on", 'signedOn', NEW."signed_on", 'registeredOn', NEW."registered_on", 'startedOn', NEW."started_on", 'completedOn', NEW."completed_on", 'producingOn', NEW."producing_on", 'droppedOn', NEW."dropped_on", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_projects_update;
--> statement-breakpoint
CREATE TRIGGER audit_projects_update AFTER UPDATE ON projects BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'projects', NEW.id, 'update', json_object('id', OLD."id", 'name', OLD."name", 'companyId', OLD."company_id", 'companyKey', OLD."company_key", 'sourceType', OLD."source_type", 'sourceFundId', OLD."source_fund_id", 'investmentId', OLD."investment_id", 'introducer', OLD."introducer", 'reportedOn', OLD."reported_on", 'plannedTotalFen', OLD."planned_total_fen", 'plannedFixedAssetFen', OLD."planned_fixed_asset_fen", 'foreign', OLD."foreign", 'chain', OLD."chain", 'chainNode', OLD."chain_node", 'chainAction', OLD."chain_action", 'introducingUnitId', OLD."introducing_unit_id", 'landingUnitId', OLD."landing_unit_id", 'status', OLD."status", 'statusReason', OLD."status_reason", 'negotiatingOn', OLD."negotiating_on", 'signedOn', OLD."signed_on", 'registeredOn', OLD."registered_on", 'startedOn', OLD."started_on", 'completedOn', OLD."completed_on", 'producingOn', OLD."producing_on", 'droppedOn', OLD."dropped_on", 'version', OLD."version", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at", 'updatedBy', OLD."updated_by"), json_object('id', NEW."id", 'name', NEW."name", 'companyId', NEW."company_id", 'companyKey', NEW."company_key", 'sourceType', NEW."source_type", 'sourceFundId', NEW."source_fund_id", 'investmentId', NEW."investment_id", 'introducer', NEW."introducer", 'reportedOn', NEW."reported_on", 'plannedTotalFen', NEW."planned_total_fen", 'plannedFixedAssetFen', NEW."planned_fixed_asset_fen", 'foreign', NEW."foreign", 'chain', NEW."chain", 'chainNode', NEW."chain_node", 'chainAction', NEW."chain_action", 'introducingUnitId', NEW."introducing_unit_id", 'landingUnitId', NEW."landing_unit_id", 'status', NEW."status", 'statusReason', NEW."status_reason", 'negotiatingOn', NEW."negotiating_on", 'signedOn', NEW."signed_on", 'registeredOn', NEW."registered_on", 'startedOn', NEW."started_on", 'completedOn', NEW."completed_on", 'producingOn', NEW."producing_on", 'droppedOn', NEW."dropped_on", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_milestones_create;
--> statement-breakpoint
CREATE TRIGGER audit_milestones_create AFTER INSERT ON milestones BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'milestones', NEW.id, 'create', NULL, json_object('id', NEW."id", 'projectId', NEW."project_id", 'stage', NEW."stage", 'happenedOn', NEW."happened_on", 'note', NEW."note", 'reason', NEW."reason", 'current', NEW."current", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_milestones_update;
--> statement-breakpoint
CREATE TRIGGER audit_milestones_update AFTER UPDATE ON milestones BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'milestones', NEW.id, 'update', json_object('id', OLD."id", 'projectId', OLD."project_id", 'stage', OLD."stage", 'happenedOn', OLD."happened_on", 'note', OLD."note", 'reason', OLD."reason", 'current', OLD."current", 'version', OLD."version", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at", 'updatedBy', OLD."updated_by"), json_object('id', NEW."id", 'projectId', NEW."project_id", 'stage', NEW."stage", 'happenedOn', NEW."happened_on", 'note', NEW."note", 'reason', NEW."reason", 'current', NEW."current", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_arrivals_create;
--> statement-breakpoint
CREATE TRIGGER audit_arrivals_create AFTER INSERT ON arrivals BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'arrivals', NEW.id, 'create', NULL, json_object('id', NEW."id", 'projectId', NEW."project_id", 'amountFen', NEW."amount_fen", 'arrivedOn', NEW."arrived_on", 'kind', NEW."kind", 'currency', NEW."currency", 'originalAmount', NEW."original_amount", 'exchangeRate', NEW."exchange_rate", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_arrivals_update;
--> statement-breakpoint
CREATE TRIGGER audit_arrivals_update AFTER UPDATE ON arrivals BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'arrivals', NEW.id, 'update', json_object('id', OLD."id", 'projectId', OLD."project_id", 'amountFen', OLD."amount_fen", 'arrivedOn', OLD."arrived_on", 'kind', OLD."kind", 'currency', OLD."currency", 'originalAmount', OLD."original_amount", 'exchangeRate', OLD."exchange_rate", 'version', OLD."version", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at", 'updatedBy', OLD."updated_by"), json_object('id', NEW."id", 'projectId', NEW."project_id", 'amountFen', NEW."amount_fen", 'arrivedOn', NEW."arrived_on", 'kind', NEW."kind", 'currency', NEW."currency", 'originalAmount', NEW."original_amount", 'exchangeRate', NEW."exchange_rate", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_reinvestment_credits_create;
--> statement-breakpoint
CREATE TRIGGER audit_reinvestment_credits_create AFTER INSERT ON reinvestment_credits BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'reinvestment_credits', NEW.id, 'create', NULL, json_object('id', NEW."id", 'fundId', NEW."fund_id", 'companyId', NEW."company_id", 'projectId', NEW."project_id", 'category', NEW."category", 'amountFen', NEW."amount_fen", 'datedOn', NEW."dated_on", 'evidence', NEW."evidence", 'status', NEW."status", 'statusReason', NEW."status_reason", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_reinvestment_credits_update;
--> statement-breakpoint
CREATE TRIGGER audit_reinvestment_credits_update AFTER UPDATE ON reinvestment_credits BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'reinvestment_credits', NEW.id, 'update', json_object('id', OLD."id", 'fundId', OLD."fund_id", 'companyId', OLD."company_id", 'projectId', OLD."project_id", 'category', OLD."category", 'amountFen', OLD."amount_fen", 'datedOn', OLD."dated_on", 'evidence', OLD."evidence", 'status', OLD."status", 'statusReason', OLD."status_reason", 'version', OLD."version", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at", 'updatedBy', OLD."updated_by"), json_object('id', NEW."id", 'fundId', NEW."fund_id", 'companyId', NEW."company_id", 'projectId', NEW."project_id", 'category', NEW."category", 'amountFen', NEW."amount_fen", 'datedOn', NEW."dated_on", 'evidence', NEW."evidence", 'status', NEW."status", 'statusReason', NEW."status_reason", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_targets_create;
--> statement-breakpoint
CREATE TRIGGER audit_targets_create AFTER INSERT ON targets BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'targets', NEW.id, 'create', NULL, json_object('id', NEW."id", 'unitId', NEW."unit_id", 'fundId', NEW."fund_id", 'year', NEW."year", 'metric', NEW."metric", 'value', NEW."value", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_targets_update;
--> statement-breakpoint
CREATE TRIGGER audit_targets_update AFTER UPDATE ON targets BEGIN
  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
  VALUES (NEW.updated_by, 'targets', NEW.id, 'update', json_object('id', OLD."id", 'unitId', OLD."unit_id", 'fundId', OLD."fund_id", 'year', OLD."year", 'metric', OLD."metric", 'value', OLD."value", 'version', OLD."version", 'createdAt', OLD."created_at", 'updatedAt', OLD."updated_at", 'updatedBy', OLD."updated_by"), json_object('id', NEW."id", 'unitId', NEW."unit_id", 'fundId', NEW."fund_id", 'year', NEW."year", 'metric', NEW."metric", 'value', NEW."value", 'version', NEW."version", 'createdAt', NEW."created_at", 'updatedAt', NEW."updated_at", 'updatedBy', NEW."updated_by"));
END;
