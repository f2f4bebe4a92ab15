import { eq } from 'drizzle-orm';
import { hashPassword, hashToken } from './auth';
import type { Db } from './db';
import { sessions, users } from './db/schema';

/** Makes sure an admin whose API token is `token` exists (TOUYIN_ADMIN_TOKEN), optionally with a password. */
export async function ensureAdmin(db: Db, token: string, password?: string) {
  const tokenHash = hashToken(token);
  const [existing] = await db.select().from(users).where(eq(users.username, 'admin'));
  const passwordHash = password ? await hashPassword(password) : undefined;
  if (!existing) {
    await db.insert(users).values({
      username: 'admin',
      displayName: '系统管理员',
      role: 'admin',
      tokenHash,
      passwordHash: passwordHash ?? null,
    });
  } else if (existing.tokenHash !== tokenHash || existing.revokedAt || passwordHash) {
    // Brought back from revocation without the web sessions it had before.
    if (existing.revokedAt) await db.delete(sessions).where(eq(sessions.userId, existing.id));
    await db
      .update(users)
      .set({
        tokenHash,
        revokedAt: null,
        role: 'admin',
        ...(passwordHash && { passwordHash }),
        version: existing.version + 1,
      })
      .where(eq(users.id, existing.id));
  }
}
