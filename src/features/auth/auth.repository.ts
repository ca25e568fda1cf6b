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
