// Prints the audit triggers for every audited table (see `audited` in src/db/schema.ts) as a migration body.
// Run it after a schema change that adds columns to an audited table, into a new custom migration:
//   npx drizzle-kit generate --custom --name audit_triggers_vN && npx tsx scripts/audit-triggers.ts > that file
// Name tables after the script to print only theirs (the tables the change touched).
// test/audit.test.ts fails while the triggers in the database miss a column.
import { getTableConfig } from 'drizzle-orm/sqlite-core';
import { audited } from '../src/db/schema';

export const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export function auditTriggerSql(only: string[] = []): string[] {
  const out: string[] = [];
  for (const [tableName, spec] of Object.entries(audited)) {
    if (only.length && !only.includes(tableName)) continue;
    const left = new Set<string>([...spec.secret, ...spec.derived]);
    const all = getTableConfig(spec.table).columns.map((c) => c.name);
    const cols = all.filter((c) => !left.has(c));
    // With derived columns, an update fires the trigger only when it sets another column: the derived ones are
    // kept by triggers of their own, and such an update is nobody's change. (Secret columns still fire it: a token
    // rotation is a change, logged without the secret.)
    const updateOf = spec.derived.length
      ? ` OF ${all
          .filter((c) => !(spec.derived as readonly string[]).includes(c))
          .map((c) => `"${snake(c)}"`)
          .join(', ')}`
      : '';
    const json = (row: 'NEW' | 'OLD') => `json_object(${cols.map((c) => `'${c}', ${row}."${snake(c)}"`).join(', ')})`;
    for (const [event, action, before] of [
      ['INSERT', 'create', 'NULL'],
      [`UPDATE${updateOf}`, 'update', json('OLD')],
    ] as const) {
      out.push(
        `DROP TRIGGER IF EXISTS audit_${tableName}_${action};`,
        `CREATE TRIGGER audit_${tableName}_${action} AFTER ${event} ON ${tableName} BEGIN\n` +
          `  INSERT INTO audit_log (user_id, entity, entity_id, action, before, after)\n` +
          `  VALUES (NEW.updated_by, '${tableName}', NEW.id, '${action}', ${before}, ${json('NEW')});\n` +
          `END;`,
      );
    }
  }
  return out;
}

if (process.argv[1]?.endsWith('audit-triggers.ts')) {
  console.log(auditTriggerSql(process.argv.slice(2)).join('\n--> statement-breakpoint\n'));
}
