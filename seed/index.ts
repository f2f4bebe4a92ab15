import type { Db } from '../src/db';
export async function seed(_db: Db): Promise<string> {
  return 'todo';
}
