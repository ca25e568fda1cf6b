import { RuleError } from "../../platform/forms/rule-error.js";
import type { DataAccess, TenantContext } from "../../platform/tenancy/data-access.js";
import * as repo from "./auth.repository.js";
import type { AuthService } from "./auth.service.js";

export interface NewUser {
  email: string;
  displayName: string;
  /** Employee number, Social Work England number or email of their person record. */
  personReference: string | null;
  role: string;
  unitId: string | null;
}

/**
 * Accounts and their roles, for system administrators: who may sign in, as whom, with which roles
 * on which units. Every change is audited by the tables' triggers; the pages end the user's
 * sessions after a change so it holds at once.
 */
export class UsersService {
  constructor(
    private readonly data: DataAccess,
    private readonly auth: AuthService,
    private readonly knownRoles: () => string[],
  ) {}

  async list(ctx: TenantContext, q: string | undefined, page: number, pageSize: number) {
    return this.data.run(ctx, async (db) => {
      const [total, rows] = await Promise.all([
        repo.countUsers(db, q),
        repo.listUsers(db, q, pageSize, (page - 1) * pageSize),
      ]);
      return { total, rows, page, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
    });
  }

  async detail(ctx: TenantContext, userId: string) {
    return this.data.run(ctx, async (db) => {
      const user = await repo.findUser(db, userId);
      if (!user) return null;
      const [roles, person] = await Promise.all([
        repo.rolesWithIds(db, userId),
        user.person_id ? repo.personName(db, user.person_id) : Promise.resolve(undefined),
      ]);
      return { user, roles, person: person ?? null };
    });
  }

  /** Makes the account with its first role; RuleError (by field) for a clash or an unknown person. */
  async create(ctx: TenantContext, form: NewUser): Promise<string> {
    this.#checkRole(form.role);
    return this.data.run(ctx, async (db) => {
      if (await repo.findUserByEmail(db, form.email)) {
        throw new RuleError("email", "There is already an account with this email address");
      }
      let personId: string | null = null;
      if (form.personReference) {
        const found = await repo.peopleByReference(db, form.personReference);
        if (found.length !== 1) {
          throw new RuleError(
            "person_reference",
            found.length === 0
              ? "No one has that employee number, Social Work England number or email address"
              : "More than one person matches: enter their employee number",
          );
        }
        personId = found[0]?.id ?? null;
      }
      return this.auth.createUser(db, {
        email: form.email,
        displayName: form.displayName,
        personId,
        roles: [{ role: form.role, unitId: form.unitId }],
      });
    });
  }

  async addRole(ctx: TenantContext, userId: string, role: string, unitId: string | null): Promise<void> {
    this.#checkRole(role);
    await this.data.run(ctx, async (db) => {
      const held = await repo.rolesWithIds(db, userId);
      if (held.some((r) => r.role === role && r.unitId === unitId)) {
        throw new RuleError("role", "They already have this role on this unit");
      }
      await db.insertInto("user_roles").values({ user_id: userId, role, unit_id: unitId }).execute();
    });
  }

  /** Removes a role; an administrator may not remove their own administrator role. */
  async removeRole(ctx: TenantContext, userId: string, roleId: string, actingUserId: string): Promise<void> {
    await this.data.run(ctx, async (db) => {
      const held = await repo.rolesWithIds(db, userId);
      const role = held.find((r) => r.id === roleId);
      if (!role) throw new RuleError("role_id", "They no longer have this role");
      if (userId === actingUserId && role.role === "system_administrator") {
        throw new RuleError("role_id", "You cannot remove your own administrator role");
      }
      await db.deleteFrom("user_roles").where("id", "=", roleId).where("user_id", "=", userId).execute();
    });
  }

  /** Disables or enables an account; nobody may disable their own. */
  async setStatus(
    ctx: TenantContext,
    userId: string,
    status: "active" | "disabled",
    actingUserId: string,
  ): Promise<void> {
    if (status === "disabled" && userId === actingUserId) {
      throw new RuleError("status", "You cannot disable your own account");
    }
    await this.data.run(ctx, async (db) => {
      await db.updateTable("users").set({ status }).where("id", "=", userId).execute();
    });
  }

  #checkRole(role: string): void {
    if (!this.knownRoles().includes(role)) throw new RuleError("role", "Select a role");
  }
}
