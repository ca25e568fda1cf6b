import type { TenantDb } from "../../platform/tenancy/data-access.js";
import "./schema.js";

export function findUserByEmail(db: TenantDb, email: string) {
  return db
    .selectFrom("users")
    .selectAll()
    .where("email", "=", email.trim().toLowerCase())
    .executeTakeFirst();
}

export function findUser(db: TenantDb, userId: string) {
  return db.selectFrom("users").selectAll().where("id", "=", userId).executeTakeFirst();
}

export function rolesOf(db: TenantDb, userId: string) {
  return db
    .selectFrom("user_roles")
    .select(["role", "unit_id as unitId"])
    .where("user_id", "=", userId)
    .orderBy("role")
    .execute();
}

export interface SignInQuery {
  /** Part of the email address tried. */
  email?: string | undefined;
  outcome?: string | undefined;
}

function signInEventsFiltered(db: TenantDb, q: SignInQuery) {
  let query = db.selectFrom("sign_in_events");
  if (q.email) {
    query = query.where("email", "ilike", `%${q.email.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  if (q.outcome) query = query.where("outcome", "=", q.outcome as never);
  return query;
}

export async function countSignInEvents(db: TenantDb, q: SignInQuery): Promise<number> {
  const row = await signInEventsFiltered(db, q)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function signInEvents(db: TenantDb, q: SignInQuery, limit: number, offset: number) {
  return signInEventsFiltered(db, q)
    .select(["email", "method", "outcome", "occurred_at as occurredAt"])
    .orderBy("occurred_at", "desc")
    .orderBy("id")
    .limit(limit)
    .offset(offset)
    .execute();
}
