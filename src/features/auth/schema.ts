import type { ColumnType, Generated, Selectable } from "kysely";

type TenantId = ColumnType<string, string | undefined, never>;

export interface UsersTable {
  id: Generated<string>;
  tenant_id: TenantId;
  email: string;
  display_name: string;
  person_id: string | null;
  password_hash: string | null;
  status: ColumnType<"active" | "disabled", "active" | "disabled" | undefined, "active" | "disabled">;
  failed_attempts: ColumnType<number, number | undefined, number>;
  locked_until: Date | null;
  last_signed_in_at: Date | null;
  created_at: Generated<Date>;
}

export interface UserRolesTable {
  id: Generated<string>;
  tenant_id: TenantId;
  user_id: string;
  role: string;
  unit_id: string | null;
}

export interface PasswordTokensTable {
  id: Generated<string>;
  tenant_id: TenantId;
  user_id: string;
  token_hash: string;
  purpose: "set" | "reset";
  expires_at: Date;
  used_at: Date | null;
}

export type SignInOutcome =
  | "signed_in"
  | "wrong_password"
  | "locked"
  | "unknown_user"
  | "disabled"
  | "no_password";

export interface SignInEventsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  user_id: string | null;
  email: string;
  method: "password" | "oidc";
  outcome: SignInOutcome;
  occurred_at: Date;
}

declare module "../../platform/db/schema.js" {
  interface Database {
    users: UsersTable;
    user_roles: UserRolesTable;
    password_tokens: PasswordTokensTable;
    sign_in_events: SignInEventsTable;
  }
}

export type User = Selectable<UsersTable>;
