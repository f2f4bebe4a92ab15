// Migration auth_expiry_and_sources (0007) cleans what earlier versions left at rest: sessions of revoked users (a re-issued token would have
// revived them) and Idempotency-Key answers that carry an API token.
import { expect, it } from 'vitest';
import { databaseBefore, migrateToLatest } from './helpers';

it('auth_expiry_and_sources deletes sessions of revoked users and stored answers with a token, and keeps the rest', () => {
  // The migrations as they stood before it.
  const sqlite = databaseBefore('_auth_expiry_and_sources');
  try {
    sqlite.exec(`
      insert into users (id, username, role, revoked_at) values (1, 'gone', 'leader', '2026-01-01T00:00:00.000Z'), (2, 'here', 'leader', null);
      insert into sessions (id_hash, user_id, csrf, expires_at) values ('s-gone', 1, 'c', '2099-01-01'), ('s-here', 2, 'c', '2099-01-01');
      insert into idempotency_keys (user_id, key, request_hash, status, body) values
        (2, 'new-user', 'h1', 201, '{"id":3,"username":"x","token":"ty_secretsecret","version":1}'),
        (2, 'unit', 'h2', 201, '{"id":1,"name":"\\"token\\":\\"ty_ in a name"}');
    `);
    migrateToLatest(sqlite);
    expect(sqlite.prepare('select id_hash from sessions').all()).toEqual([{ id_hash: 's-here' }]);
    expect(sqlite.prepare('select key from idempotency_keys').all()).toEqual([{ key: 'unit' }]);
  } finally {
    sqlite.close();
  }
});
