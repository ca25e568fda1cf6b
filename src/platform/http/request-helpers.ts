import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Permission } from "../auth/principal.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id from a URL is used in a query only if it is a UUID (else the database would refuse it). */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

/** Whether the signed-in user holds a permission (to show or hide links and sections). */
export function can(app: FastifyInstance, request: FastifyRequest, permission: Permission): boolean {
  return request.principal !== null && app.platform.policy.can(request.principal, permission);
}

/** Whether the signed-in user holds a permission for the whole council (links to `councilWide` routes). */
export function canCouncilWide(
  app: FastifyInstance,
  request: FastifyRequest,
  permission: Permission,
): boolean {
  return can(app, request, permission) && request.scope(permission).tenant;
}
