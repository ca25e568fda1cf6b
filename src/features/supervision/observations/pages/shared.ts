import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { can, isUuid } from "../../../../platform/http/request-helpers.js";
import { formatDate } from "../../../../platform/views/render.js";
import { supervisionPermissions } from "../../permissions.js";
import type { Observation, SupervisionObservationsService, Viewer } from "../observations.service.js";

export { can, isUuid };

export interface PageOptions {
  observations: SupervisionObservationsService;
}

export function notFound(reply: FastifyReply): FastifyReply {
  return reply.code(404).render("errors/404.njk");
}

export const dateText = (value: unknown): string => formatDate(value, false);

export const observationHref = (observationId: string) => `/supervision/observations/${observationId}`;

export function viewerOf(request: FastifyRequest): Viewer {
  return {
    scope: request.scope(supervisionPermissions.observe),
    personId: request.principal?.personId ?? null,
  };
}

/**
 * The observation in the URL if the viewer reaches it: the observer; the supervisor observed
 * (their own feedback); a holder of supervision.observe with the supervisor in their scope.
 */
export async function reachObservation(
  app: FastifyInstance,
  opts: PageOptions,
  request: FastifyRequest<{ Params: { observationId: string } }>,
): Promise<{ observation: Observation; observed: boolean } | undefined> {
  const { observationId } = request.params;
  if (!isUuid(observationId) || !request.principal) return undefined;
  const ctx = request.tenantContext();
  const observation = await opts.observations.observation(ctx, observationId);
  if (!observation) return undefined;
  const me = request.principal.personId ?? null;
  if (me !== null && observation.supervisorPersonId === me) return { observation, observed: true };
  if (me !== null && observation.observerPersonId === me) return { observation, observed: false };
  const observe = supervisionPermissions.observe;
  if (
    can(app, request, observe) &&
    (await app.people.reaches(ctx, request.scope(observe), observation.supervisorPersonId))
  )
    return { observation, observed: false };
  return undefined;
}
