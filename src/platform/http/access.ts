import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { type AccessScope, noScope, type Permission, type Policy } from "../auth/principal.js";
import { validateForm } from "../forms/form.js";
import type { TenantDirectory } from "../tenancy/tenant-directory.js";

const UNSAFE = ["POST", "PUT", "PATCH", "DELETE"];

export class RouteDeclarationError extends Error {}

/** A registered route and the permission it declared (the access-table test walks them all). */
export interface DeclaredRoute {
  method: string;
  url: string;
  permission: string;
  /** The permission must be held for the whole council. */
  councilWide: boolean;
}

/**
 * Route declarations and their enforcement:
 * - every route must declare `config.permission` (or registration fails): deny by default;
 * - every unsafe route must declare `config.form` (a zod schema), validated before the handler;
 * - each request gets its tenant (by host name) and principal (from the session), and a route's
 *   permission is checked before anything else runs: anonymous -> sign-in, not allowed -> 403.
 *   A route marked `councilWide` also needs the permission held for the whole council (403).
 */
export const access = fp(
  async (app: FastifyInstance, opts: { policy: Policy; tenants: TenantDirectory }) => {
    app.decorateRequest("tenant", null as never);
    app.decorateRequest("principal", null);
    app.decorateRequest("formResult", undefined);
    app.decorateRequest("scope", function (this: FastifyRequest, permission?: Permission): AccessScope {
      const wanted = permission ?? this.routeOptions.config.permission;
      if (!this.principal || !wanted) return noScope;
      return opts.policy.scopeFor(this.principal, wanted);
    });
    app.decorateRequest("tenantContext", function (this: FastifyRequest) {
      const actor = this.principal ? `user:${this.principal.userId}` : "anonymous";
      return { tenantId: this.tenant.id, actor: { id: actor } };
    });

    const declared: DeclaredRoute[] = [];
    app.decorate("declaredRoutes", declared);
    app.addHook("onRoute", (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      const where = `${methods.join(",")} ${route.url}`;
      if (!route.config?.permission) {
        throw new RouteDeclarationError(`${where} declares no permission (config.permission)`);
      }
      if (methods.some((m) => UNSAFE.includes(m)) && !route.config.form) {
        throw new RouteDeclarationError(`${where} declares no form schema (config.form)`);
      }
      for (const method of methods) {
        if (method !== "HEAD")
          declared.push({
            method,
            url: route.url,
            permission: route.config.permission,
            councilWide: route.config.councilWide === true,
          });
      }
    });

    app.addHook("onRequest", async (request, reply) => {
      request.tenant = opts.tenants.forHost(request.hostname);
      const principal = request.session?.principal;
      request.principal = principal && principal.tenantId === request.tenant.id ? principal : null;
      const permission = request.routeOptions.config.permission;
      if (permission === undefined || permission === "public") return;
      if (!request.principal) return denyAnonymous(request, reply);
      if (!opts.policy.can(request.principal, permission)) {
        return reply.code(403).render("errors/403.njk");
      }
      if (
        request.routeOptions.config.councilWide &&
        !opts.policy.scopeFor(request.principal, permission).tenant
      ) {
        return reply.code(403).render("errors/403.njk");
      }
    });

    app.addHook("preHandler", async (request) => {
      const schema = request.routeOptions.config.form;
      if (schema && UNSAFE.includes(request.method)) {
        request.formResult = validateForm(schema, request.body);
      }
    });
  },
  { name: "wa-access", dependencies: ["wa-sessions", "wa-views"] },
);

function denyAnonymous(request: FastifyRequest, reply: FastifyReply) {
  if (request.method === "GET") {
    return reply.redirect(`/sign-in?returnTo=${encodeURIComponent(request.url)}`);
  }
  return reply.code(403).render("errors/403.njk");
}

declare module "fastify" {
  interface FastifyRequest {
    /**
     * The records the signed-in user reaches with a permission (the route's own by default), for
     * the feature to put in its query; nothing when signed out.
     */
    scope(permission?: Permission): AccessScope;
  }
  interface FastifyInstance {
    /** Every route registered, HEAD aside, in registration order. */
    declaredRoutes: readonly DeclaredRoute[];
  }
}
