import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Permission } from "../../../../platform/auth/principal.js";
import type { LearningRecordsService } from "../records.service.js";
import { isUuid } from "./shared.js";

export type Person = NonNullable<Awaited<ReturnType<LearningRecordsService["person"]>>>;

/**
 * The person in the URL if they are in this council and in the viewer's scope for the
 * permission; null (answer 404, as for a missing record) otherwise.
 */
export async function personInScope(
  app: FastifyInstance,
  records: LearningRecordsService,
  request: FastifyRequest<{ Params: { personId: string } }>,
  permission: Permission,
): Promise<Person | null> {
  const { personId } = request.params;
  if (!isUuid(personId)) return null;
  const ctx = request.tenantContext();
  const person = await records.person(ctx, personId);
  if (!person || person.anonymised) return null;
  if (!(await app.people.reaches(ctx, request.scope(permission), personId))) return null;
  return person;
}

export const personHref = (personId: string) => `/learning/people/${personId}`;
