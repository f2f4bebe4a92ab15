-- Duplicate targets (the same unit or fund, year and metric) each counted in the 擂台赛 score. Before the unique
-- key of 0020 is made, each set of duplicates keeps its newest target (the highest id: the last one staff entered)
-- and the older ones are deleted. Each deletion is audited: an audit_log row 'delete' with the deleted target as
-- `before`, by the user who last wrote it, so the removed values stay readable in the change history.
INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)
SELECT t.updated_by, 'targets', t.id, 'delete',
  json_object('id', t."id", 'unitId', t."unit_id", 'fundId', t."fund_id", 'year', t."year", 'metric', t."metric", 'value', t."value", 'weight', t."weight", 'version', t."version", 'createdAt', t."created_at", 'updatedAt', t."updated_at", 'updatedBy', t."updated_by"),
  NULL
FROM targets t
WHERE EXISTS (
  SELECT 1 FROM targets n
  WHERE n.id > t.id AND n.year = t.year AND n.metric = t.metric
    AND (n.unit_id = t.unit_id OR n.fund_id = t.fund_id)
)
ORDER BY t.id;
--> statement-breakpoint
DELETE FROM targets
WHERE EXISTS (
  SELECT 1 FROM targets n
  WHERE n.id > targets.id AND n.year = targets.year AND n.metric = targets.metric
    AND (n.unit_id = targets.unit_id OR n.fund_id = targets.fund_id)
);
