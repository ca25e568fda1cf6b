/** A role held by a user, scoped to an organisation unit and everything below it (null: whole tenant). */
export interface RoleGrant {
  role: string;
  unitId: string | null;
}

/** The signed-in user, as held in their server-side session. */
export interface Principal {
  userId: string;
  tenantId: string;
  displayName: string;
  roles: RoleGrant[];
}

/**
 * A permission a route needs. "public" pages need no sign-in; "signed-in" needs any signed-in user;
 * every other permission is granted to roles by the policy.
 */
export type Permission = "public" | "signed-in" | (string & {});

/** Decides whether a principal holds a permission. The sign-in and access issue fills in the rules. */
export interface Policy {
  can(principal: Principal, permission: Permission): boolean;
}

/** Role -> permissions. Deny by default: a permission no role lists is granted to no one. */
export class RolePolicy implements Policy {
  readonly #grants: ReadonlyMap<string, ReadonlySet<string>>;

  constructor(grants: Record<string, readonly string[]>) {
    this.#grants = new Map(Object.entries(grants).map(([role, perms]) => [role, new Set(perms)]));
  }

  can(principal: Principal, permission: Permission): boolean {
    if (permission === "public" || permission === "signed-in") return true;
    return principal.roles.some((grant) => this.#grants.get(grant.role)?.has(permission) ?? false);
  }
}
