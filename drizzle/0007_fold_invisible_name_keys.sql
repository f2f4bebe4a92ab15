-- Company name keys now drop invisible characters (src/domain/names.ts: \p{Default_Ignorable_Code_Point} and \p{Cf}:
-- zero-width space and joiners, soft hyphen, Hangul fillers, variation selectors, tag characters, bidi marks). SQLite
-- cannot run that code, so this folds the keys already stored: each key holding such a character (the GLOB class
-- below lists the same code point ranges, generated from the JS property) is rebuilt character by character without
-- them; the rest of the key (NFKC, lower case, no spaces or punctuation) was applied when it was stored. Name-only
-- lead keys (`name:<key>`) follow. An active lead whose folded key another active lead already holds (a look-alike
-- re-report) keeps its old key, so this cannot fail on the unique index: staff settle such a pair by rejecting or
-- dropping one of them, after which a confirm of the other re-checks the folded key. Rows changed here are audited
-- with no user.
CREATE TABLE `name_key_folds` (`old_key` text PRIMARY KEY NOT NULL, `new_key` text NOT NULL);
--> statement-breakpoint
WITH RECURSIVE
  invisible(class) AS (SELECT '[' || char(0xAD, 0x34F, 0x600, 0x2D, 0x605, 0x61C, 0x6DD, 0x70F, 0x890, 0x2D, 0x891, 0x8E2, 0x115F, 0x2D, 0x1160, 0x17B4, 0x2D, 0x17B5, 0x180B, 0x2D, 0x180F, 0x200B, 0x2D, 0x200F, 0x202A, 0x2D, 0x202E, 0x2060, 0x2D, 0x206F, 0x3164, 0xFE00, 0x2D, 0xFE0F, 0xFEFF, 0xFFA0, 0xFFF0, 0x2D, 0xFFFB, 0x110BD, 0x110CD, 0x13430, 0x2D, 0x1343F, 0x1BCA0, 0x2D, 0x1BCA3, 0x1D173, 0x2D, 0x1D17A, 0xE0000, 0x2D, 0xE0FFF) || ']'),
  dirty(k) AS (
    SELECT name_key FROM companies WHERE name_key GLOB '*' || (SELECT class FROM invisible) || '*'
    UNION
    SELECT substr(company_key, 6) FROM projects
    WHERE company_key GLOB 'name:*' AND substr(company_key, 6) GLOB '*' || (SELECT class FROM invisible) || '*'
  ),
  fold(k, i, acc) AS (
    SELECT k, 1, '' FROM dirty
    UNION ALL
    SELECT k, i + 1, acc || CASE WHEN substr(k, i, 1) GLOB (SELECT class FROM invisible) THEN '' ELSE substr(k, i, 1) END
    FROM fold WHERE i <= length(k)
  )
INSERT INTO name_key_folds (old_key, new_key) SELECT k, acc FROM fold WHERE i = length(k) + 1;
--> statement-breakpoint
UPDATE companies SET
  name_key = (SELECT new_key FROM name_key_folds WHERE old_key = companies.name_key),
  version = version + 1,
  updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
  updated_by = NULL
WHERE name_key IN (SELECT old_key FROM name_key_folds);
--> statement-breakpoint
UPDATE projects SET
  company_key = 'name:' || (SELECT new_key FROM name_key_folds WHERE old_key = substr(projects.company_key, 6)),
  version = version + 1,
  updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
  updated_by = NULL
WHERE company_key GLOB 'name:*'
  AND substr(company_key, 6) IN (SELECT old_key FROM name_key_folds)
  AND NOT (
    status <> 'rejected' AND dropped_on IS NULL AND EXISTS (
      SELECT 1 FROM projects other
      WHERE other.id <> projects.id AND other.status <> 'rejected' AND other.dropped_on IS NULL AND other.company_key GLOB 'name:*'
        AND coalesce((SELECT new_key FROM name_key_folds WHERE old_key = substr(other.company_key, 6)), substr(other.company_key, 6))
          = (SELECT new_key FROM name_key_folds WHERE old_key = substr(projects.company_key, 6))
        -- Of several look-alikes folding together, the first reported takes the key; one already folded keeps it.
        AND (other.id < projects.id OR substr(other.company_key, 6) NOT IN (SELECT old_key FROM name_key_folds))
    )
  );
--> statement-breakpoint
DROP TABLE `name_key_folds`;
