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
  /** The person record the account belongs to (staff and external learners), if any. */
  personId?: string | null;
  roles: RoleGrant[];
}

/**
 * A permission a route needs. "public" pages need no sign-in; "signed-in" needs any signed-in user;
 * every other permission is granted to roles by the policy.
 */
export type Permission = "public" | "signed-in" | (string & {});

/**
 * Whose records a role reaches: the holder's own ("self"); their direct and indirect reports
 * through line management ("reports"); the unit the role is held on and everything below it, or
 * the whole council when held without a unit ("unit"); always the whole council ("tenant").
 */
export type ScopeKind = "self" | "reports" | "unit" | "tenant";

/**
 * The records a principal reaches with one permission: the union of the scopes of every role they
 * hold that grants it. Features turn it into a condition in their queries (never a filter after).
 */
export interface AccessScope {
  /** Everything in the council. */
  tenant: boolean;
  /** Their own person record. */
  personId: string | null;
  /** Direct and indirect reports of this person. */
  reportsOf: string | null;
  /** These units and everything below them. */
  unitIds: string[];
}

export const noScope: AccessScope = Object.freeze({
  tenant: false,
  personId: null,
  reportsOf: null,
  unitIds: [],
});
export const tenantScope: AccessScope = Object.freeze({
  tenant: true,
  personId: null,
  reportsOf: null,
  unitIds: [],
});

/** Decides whether a principal holds a permission, and over which records. */
export interface Policy {
  can(principal: Principal, permission: Permission): boolean;
  scopeFor(principal: Principal, permission: Permission): AccessScope;
  roles(): { role: string; name: string; scope: ScopeKind }[];
  /** The roles that carry a permission (who could be chosen for work that needs it). */
  rolesWith(permission: Permission): string[];
}

export interface RoleDefinition {
  /** Shown to people (the sign-in page's demo accounts, administrators' pages). */
  name: string;
  scope: ScopeKind;
  permissions: readonly string[];
}

/** Role -> scope and permissions. Deny by default: a permission no role lists is granted to no one. */
export class RolePolicy implements Policy {
  readonly #roles: ReadonlyMap<string, { name: string; scope: ScopeKind; permissions: ReadonlySet<string> }>;

  constructor(roles: Record<string, RoleDefinition>) {
    this.#roles = new Map(
      Object.entries(roles).map(([role, d]) => [
        role,
        { name: d.name, scope: d.scope, permissions: new Set(d.permissions) },
      ]),
    );
  }

  /** Every role, in the policy's order: for administrators' pages. */
  roles(): { role: string; name: string; scope: ScopeKind }[] {
    return [...this.#roles].map(([role, d]) => ({ role, name: d.name, scope: d.scope }));
  }

  rolesWith(permission: Permission): string[] {
    return [...this.#roles].filter(([, d]) => d.permissions.has(permission)).map(([role]) => role);
  }

  can(principal: Principal, permission: Permission): boolean {
    if (permission === "public" || permission === "signed-in") return true;
    return principal.roles.some((grant) => this.#roles.get(grant.role)?.permissions.has(permission) ?? false);
  }

  scopeFor(principal: Principal, permission: Permission): AccessScope {
    const personId = principal.personId ?? null;
    let tenant = false;
    let reportsOf: string | null = null;
    const unitIds: string[] = [];
    let granted = false;
    for (const grant of principal.roles) {
      const role = this.#roles.get(grant.role);
      if (!role?.permissions.has(permission)) continue;
      granted = true;
      if (role.scope === "tenant" || (role.scope === "unit" && grant.unitId === null)) tenant = true;
      else if (role.scope === "unit" && grant.unitId) unitIds.push(grant.unitId);
      else if (role.scope === "reports") reportsOf = personId;
    }
    if (!granted) return noScope;
    if (tenant) return tenantScope;
    return { tenant: false, personId, reportsOf, unitIds: [...new Set(unitIds)].sort() };
  }
}
