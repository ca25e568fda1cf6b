import type { z } from "zod";
import type { Permission, Principal } from "../auth/principal.js";
import type { Tenant } from "../db/schema.js";
import type { FormResult } from "../forms/form.js";
import type { TenantContext } from "../tenancy/data-access.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /** Required on every route: what the caller must hold. Deny by default. */
    permission?: Permission;
    /**
     * The permission must be held council-wide (a role held without a unit): for pages that read
     * or change the whole council's data (settings, feeds, the census). Held on one unit: 403.
     */
    councilWide?: boolean;
    /** Required on every POST route: the zod schema its form is validated with. */
    form?: z.ZodType;
  }
  interface FastifyRequest {
    tenant: Tenant;
    principal: Principal | null;
    /** Result of validating the body with the route's `form` schema (POST routes). */
    formResult: FormResult<unknown> | undefined;
    /** The tenant and actor for DataAccess.run. */
    tenantContext(): TenantContext;
  }
  interface FastifyReply {
    /** Renders a Nunjucks template inside the layout with the request's globals. */
    render(template: string, data?: Record<string, unknown>): FastifyReply;
  }
  interface Session {
    principal?: Principal;
    createdAt?: number;
    lastSeenAt?: number;
  }
}
