// Who is asking: the signed-in user and the funds they may see. The vocabulary every layer names (the request's
// context in app-types.ts, the read model's scope in queries/); auth.ts finds them, queries/trees.ts turns a scope
// into SQL.
import type { Role } from './vocabulary';

/** Who a reader may see: every fund, or (a manager) the families of the funds it is bound to. */
export interface Scope {
  all: boolean;
  /** The user the scope belongs to: a manager's visible funds are a subquery on its id. */
  userId: number;
  /** The manager's visible fund ids, for checks of one id in JS; never bound into SQL. Empty when `all`. */
  funds: Set<number>;
}

export interface CurrentUser {
  id: number;
  username: string;
  displayName: string | null;
  role: Role;
  fundIds: number[];
}
