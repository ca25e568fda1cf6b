import type { FastifyInstance } from "fastify";
import { peoplePermissions } from "../permissions.js";
import { equalityReportRoutes } from "./equality-report/handlers.js";
import { fosterCarerRoutes } from "./foster-carers/handlers.js";
import { fosterHouseholdRoutes } from "./foster-household/handlers.js";
import { organisationRoutes } from "./organisation/handlers.js";
import { organisationUnitRoutes } from "./organisation-unit/handlers.js";
import { organisationUnitMoveRoutes } from "./organisation-unit-move/handlers.js";
import { peopleListRoutes } from "./people/handlers.js";
import { peopleMoveRoutes } from "./people-move/handlers.js";
import { peopleNewRoutes } from "./people-new/handlers.js";
import { personRoutes } from "./person/handlers.js";
import { personEditRoutes } from "./person-edit/handlers.js";
import { personLeaverRoutes } from "./person-leaver/handlers.js";
import { isUuid, notFound } from "./shared.js";

/**
 * The people feature's pages: the organisation as at a date, teams, finding people, a person's
 * profile and timeline, adding, changing, leavers, moves, and foster carer households. Each page's
 * handlers, schema and view live in the folder named after its URL.
 */
export async function peoplePages(app: FastifyInstance): Promise<void> {
  app.platform.navigation.add({
    href: "/foster-carers",
    text: "Foster carers",
    permission: peoplePermissions.view,
  });
  // Record-level scope: a person, unit or household outside the viewer's scope answers 404, as a
  // record of another council does (row-level security), so neither can be told from one missing.
  app.addHook("preHandler", async (request, reply) => {
    const scope = request.scope();
    if (scope.tenant) return;
    const { personId, unitId, householdId } = request.params as Record<string, string | undefined>;
    const ctx = request.tenantContext();
    const reaches =
      (!personId || !isUuid(personId) || (await app.people.reaches(ctx, scope, personId))) &&
      (!unitId || !isUuid(unitId) || (await app.people.reachesUnit(ctx, scope, unitId))) &&
      (!householdId || !isUuid(householdId) || (await app.people.reachesHousehold(ctx, scope, householdId)));
    if (!reaches) return notFound(reply);
  });
  await app.register(organisationRoutes);
  await app.register(organisationUnitRoutes);
  await app.register(organisationUnitMoveRoutes);
  await app.register(peopleListRoutes);
  await app.register(peopleNewRoutes);
  await app.register(peopleMoveRoutes);
  await app.register(personRoutes);
  await app.register(personEditRoutes);
  await app.register(personLeaverRoutes);
  await app.register(fosterCarerRoutes);
  await app.register(fosterHouseholdRoutes);
  await app.register(equalityReportRoutes);
}
