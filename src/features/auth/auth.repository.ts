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

export interface UserListRow {
  id: string;
  email: string;
  displayName: string;
  status: "active" | "disabled";
  lastSignedInAt: Date | null;
  roles: { role: string; unitId: string | null }[];
}

function usersMatching(db: TenantDb, q: string | undefined) {
  const all = db.selectFrom("users");
  if (!q) return all;
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return all.where((eb) =>
    eb.or([eb("users.display_name", "ilike", like), eb("users.email", "ilike", like)]),
  );
}

export async function countUsers(db: TenantDb, q: string | undefined): Promise<number> {
  const row = await usersMatching(db, q)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listUsers(
  db: TenantDb,
  q: string | undefined,
  limit: number,
  offset: number,
): Promise<UserListRow[]> {
  const users = await usersMatching(db, q)
    .select([
      "users.id",
      "users.email",
      "users.display_name as displayName",
      "users.status",
      "users.last_signed_in_at as lastSignedInAt",
    ])
    .orderBy("users.display_name")
    .orderBy("users.email")
    .limit(limit)
    .offset(offset)
    .execute();
  if (users.length === 0) return [];
  const roles = await db
    .selectFrom("user_roles")
    .select(["user_id as userId", "role", "unit_id as unitId"])
    .where(
      "user_id",
      "in",
      users.map((u) => u.id),
    )
    .orderBy("role")
    .execute();
  return users.map((u) => ({
    ...u,
    roles: roles.filter((r) => r.userId === u.id).map((r) => ({ role: r.role, unitId: r.unitId })),
  }));
}

export function rolesWithIds(db: TenantDb, userId: string) {
  return db
    .selectFrom("user_roles")
    .select(["id", "role", "unit_id as unitId"])
    .where("user_id", "=", userId)
    .orderBy("role")
    .execute();
}

/** A person by employee number, Social Work England number or email address. */
export function peopleByReference(db: TenantDb, reference: string) {
  const ref = reference.trim();
  return db
    .selectFrom("people")
    .select(["id", "given_name as givenName", "family_name as familyName"])
    .where((eb) =>
      eb.or([
        eb("employee_number", "=", ref),
        eb("swe_number", "=", ref.toUpperCase()),
        eb(eb.fn("lower", ["email"]), "=", ref.toLowerCase()),
      ]),
    )
    .limit(2)
    .execute();
}

export function personName(db: TenantDb, personId: string) {
  return db
    .selectFrom("people")
    .select(["id", "given_name as givenName", "family_name as familyName"])
    .where("id", "=", personId)
    .executeTakeFirst();
}
