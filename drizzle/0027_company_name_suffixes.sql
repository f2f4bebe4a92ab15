-- Company name keys without legal forms (src/domain/names.ts, withoutLegalSuffixes): 星辰科技 and 星辰科技有限公司,
-- 远望（集团）股份有限公司 and 远望 now share a key. The stored keys are recomputed here from the stored ones (they are
-- already NFKC, lower case, without spaces or punctuation, so only the suffixes go): companies.name_key, and the name
-- keys (name:…) of projects.company_key, activity_companies.name_key. Each key loses its suffixes one at a time, longest first, as the code does;
-- six passes (a name with more than six legal forms in a row keeps the rest). Two active leads whose keys would meet
-- keep their old keys both (projects_active_company_uq still holds): their companies now share a name key, so staff
-- see them as 疑似重复 on /review and decide. The updates are audited as the system's (user_id null).
CREATE TABLE company_key_recompute (kind text NOT NULL, id integer NOT NULL, key text NOT NULL, PRIMARY KEY (kind, id));
--> statement-breakpoint
INSERT INTO company_key_recompute (kind, id, key) SELECT 'company', id, name_key FROM companies;
--> statement-breakpoint
INSERT INTO company_key_recompute (kind, id, key)
  SELECT 'project', id, substr(company_key, 6) FROM projects WHERE company_key LIKE 'name:%';
--> statement-breakpoint
INSERT INTO company_key_recompute (kind, id, key) SELECT 'activity_company', id, name_key FROM activity_companies;
--> statement-breakpoint
UPDATE company_key_recompute SET key = CASE
    WHEN key LIKE '%股份有限公司' AND length(key) > 6 THEN substr(key, 1, length(key) - 6)
    WHEN key LIKE '%有限责任公司' AND length(key) > 6 THEN substr(key, 1, length(key) - 6)
    WHEN key LIKE '%有限公司' AND length(key) > 4 THEN substr(key, 1, length(key) - 4)
    WHEN key LIKE '%股份公司' AND length(key) > 4 THEN substr(key, 1, length(key) - 4)
    WHEN key LIKE '%集团公司' AND length(key) > 4 THEN substr(key, 1, length(key) - 4)
    WHEN key LIKE '%集团' AND length(key) > 2 THEN substr(key, 1, length(key) - 2)
    WHEN key LIKE '%coltd' AND length(key) > 5 THEN substr(key, 1, length(key) - 5)
    WHEN key LIKE '%limited' AND length(key) > 7 THEN substr(key, 1, length(key) - 7)
    WHEN key LIKE '%ltd' AND length(key) > 3 THEN substr(key, 1, length(key) - 3)
    ELSE key
  END;
--> statement-breakpoint
UPDATE company_key_recompute SET key = CASE
    WHEN key LIKE '%股份有限公司' AND length(key) > 6 THEN substr(key, 1, length(key) - 6)
    WHEN key LIKE '%有限责任公司' AND length(key) > 6 THEN substr(key, 1, length(key) - 6)
    WHEN key LIKE '%有限公司' AND length(key) > 4 THEN substr(key, 1, length(key) - 4)
    WHEN key LIKE '%股份公司' AND length(key) > 4 THEN substr(key, 1, length(key) - 4)
    WHEN key LIKE '%集团公司' AND length(key) > 4 THEN substr(key, 1, length(key) - 4)
    WHEN key LIKE '%集团' AND length(key) > 2 THEN substr(key, 1, length(key) - 2)
    WHEN key LIKE '%coltd' AND length(key) > 5 THEN substr(key, 1, length(key) - 5)
    WHEN key LIKE '%limited' AND length(key) > 7 THEN substr(key, 1, length(key) - 7)
    WHEN key LIKE '%ltd' AND length(key) > 3 THEN substr(key, 1, length(key) - 3)
    ELSE key
  END;
--> statement-breakpoint
UPDATE company_key_recompute SET key = CASE
    WHEN key LIKE '%股份有限公司' AND length(key) > 6 THEN substr(key, 1, length(key) - 6)
    WHEN key LIKE '%有限责任公司' AND length(key) > 6 THEN substr(key, 1, length(key) - 6)
    WHEN key LIKE '%有限公司' AND length(key) > 4 THEN substr(key, 1, length(key) - 4)
    WHEN key LIKE '%股份公司' AND length(key) > 4 THEN substr(key, 1, length(key) - 4)
    WHEN key LIKE '%集团公司' AND length(key) > 4 THEN substr(key, 1, length(key) - 4)
    WHEN key LIKE '%集团' AND length(key) > 2 THEN substr(key, 1, length(key) - 2)
    WHEN key LIKE '%coltd' AND length(key) > 5 THEN substr(key, 1, length(key) - 5)
    WHEN key LIKE '%limited' AND length(key) > 7 THEN substr(key, 1, length(key) - 7)
    WHEN key LIKE '%ltd' AND length(key) > 3 THEN substr(key, 1, length(key) - 3)
    ELSE key
  END;
--> statement-breakpoint
UPDATE company_key_recompute SET key = CASE
    WHEN key LIKE '%股份有限公司' AND length(key) > 6 THEN substr(key, 1, length(key) - 6)
    WHEN key LIKE '%有限责任公司' AND length(key) > 6 THEN substr(key, 1, length(key) - 6)
    WHEN key LIKE '%有限公司' AND length(key) > 4 THEN substr(key, 1, length(key) - 4)
    WHEN key LIKE '%股份公司' AND length(key) > 4 THEN substr(key, 1, length(key) - 4)
    WHEN key LIKE '%集团公司' AND length(key) > 4 THEN substr(key, 1, length(key) - 4)
    WHEN key LIKE '%集团' AND length(key) > 2 THEN substr(key, 1, length(key) - 2)
    WHEN key LIKE '%coltd' AND length(key) > 5 THEN substr(key, 1, length(key) - 5)
    WHEN key LIKE '%limited' AND length(key) > 7 THEN substr(key, 1, length(key) - 7)
    WHEN key LIKE '%ltd' AND length(key) > 3 THEN substr(key, 1, length(key) - 3)
    ELSE key
  END;
--> statement-breakpoint
UPDATE company_key_recompute SET key = CASE
    WHEN key LIKE '%股份有限公司' AND length(key) > 6 THEN substr(key, 1, length(key) - 6)
    WHEN key LIKE '%有限责任公司' AND length(key) > 6 THEN substr(key, 1, length(key) - 6)
    WHEN key LIKE '%有限公司' AND length(key) > 4 THEN substr(key, 1, length(key) - 4)
    WHEN key LIKE '%股份公司' AND length(key) > 4 THEN substr(key, 1, length(key) - 4)
    WHEN key LIKE '%集团公司' AND length(key) > 4 THEN substr(key, 1, length(key) - 4)
    WHEN key LIKE '%集团' AND length(key) > 2 THEN substr(key, 1, length(key) - 2)
    WHEN key LIKE '%coltd' AND length(key) > 5 THEN substr(key, 1, length(key) - 5)
    WHEN key LIKE '%limited' AND length(key) > 7 THEN substr(key, 1, length(key) - 7)
    WHEN key LIKE '%ltd' AND length(key) > 3 THEN substr(key, 1, length(key) - 3)
    ELSE key
  END;
--> statement-breakpoint
UPDATE company_key_recompute SET key = CASE
    WHEN key LIKE '%股份有限公司' AND length(key) > 6 THEN substr(key, 1, length(key) - 6)
    WHEN key LIKE '%有限责任公司' AND length(key) > 6 THEN substr(key, 1, length(key) - 6)
    WHEN key LIKE '%有限公司' AND length(key) > 4 THEN substr(key, 1, length(key) - 4)
    WHEN key LIKE '%股份公司' AND length(key) > 4 THEN substr(key, 1, length(key) - 4)
    WHEN key LIKE '%集团公司' AND length(key) > 4 THEN substr(key, 1, length(key) - 4)
    WHEN key LIKE '%集团' AND length(key) > 2 THEN substr(key, 1, length(key) - 2)
    WHEN key LIKE '%coltd' AND length(key) > 5 THEN substr(key, 1, length(key) - 5)
    WHEN key LIKE '%limited' AND length(key) > 7 THEN substr(key, 1, length(key) - 7)
    WHEN key LIKE '%ltd' AND length(key) > 3 THEN substr(key, 1, length(key) - 3)
    ELSE key
  END;
--> statement-breakpoint
UPDATE companies SET name_key = (SELECT key FROM company_key_recompute r WHERE r.kind = 'company' AND r.id = companies.id)
  WHERE name_key <> (SELECT key FROM company_key_recompute r WHERE r.kind = 'company' AND r.id = companies.id);
--> statement-breakpoint
UPDATE projects SET company_key = 'name:' || (SELECT key FROM company_key_recompute r WHERE r.kind = 'project' AND r.id = projects.id)
  WHERE company_key LIKE 'name:%'
    AND company_key <> 'name:' || (SELECT key FROM company_key_recompute r WHERE r.kind = 'project' AND r.id = projects.id)
    AND NOT (
      status <> 'rejected' AND dropped_on IS NULL
      AND EXISTS (
        SELECT 1 FROM projects q
        LEFT JOIN company_key_recompute rq ON rq.kind = 'project' AND rq.id = q.id
        WHERE q.id <> projects.id AND q.status <> 'rejected' AND q.dropped_on IS NULL AND q.company_key IS NOT NULL
          AND coalesce('name:' || rq.key, q.company_key)
            = 'name:' || (SELECT key FROM company_key_recompute r WHERE r.kind = 'project' AND r.id = projects.id)
      )
    );
--> statement-breakpoint
UPDATE activity_companies
  SET name_key = (SELECT key FROM company_key_recompute r WHERE r.kind = 'activity_company' AND r.id = activity_companies.id)
  WHERE name_key <> (SELECT key FROM company_key_recompute r WHERE r.kind = 'activity_company' AND r.id = activity_companies.id);
--> statement-breakpoint
DROP TABLE company_key_recompute;
