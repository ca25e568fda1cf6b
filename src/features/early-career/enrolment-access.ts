import type { FastifyInstance, FastifyRequest } from "fastify";
import { can, isUuid } from "../../platform/http/request-helpers.js";
import type { TenantDb } from "../../platform/tenancy/data-access.js";
import { earlyCareerPermissions } from "./permissions.js";

/** An enrolment as the pages need it to decide what the viewer may see and do. */
export interface ReachedEnrolment {
  id: string;
  personId: string;
  personName: string;
  cohortId: string;
  programmeVersionId: string;
  status: "active" | "passed" | "failed" | "withdrawn";
  lineManagerPersonId: string | null;
  assessorPersonId: string | null;
  mentorPersonId: string | null;
}

/** How the viewer stands to an enrolment: the record, not only the role, decides what they may do. */
export interface EnrolmentRelation {
  /** The NQSW themselves: adds evidence, confirms reviews, answers the survey. */
  self: boolean;
  /** Named as assessor and holding the assess permission: records reviews and observations, signs off. */
  assessor: boolean;
  /** Named as mentor or buddy: sees the programme. */
  mentor: boolean;
  /** Named as the NQSW's line manager: confirms reviews. */
  lineManager: boolean;
  /** The co-ordinator (manage permission): everything. */
  coordinator: boolean;
  /** May record reviews and observations and sign off: the assessor or the co-ordinator. */
  canAssess: boolean;
}

export async function loadEnrolment(
  db: TenantDb,
  enrolmentId: string,
): Promise<ReachedEnrolment | undefined> {
  const row = await db
    .selectFrom("early_career_enrolments as e")
    .innerJoin("people as p", "p.id", "e.person_id")
    .select([
      "e.id",
      "e.person_id",
      "e.cohort_id",
      "e.programme_version_id",
      "e.status",
      "e.line_manager_person_id",
      "e.assessor_person_id",
      "e.mentor_person_id",
      "p.given_name",
      "p.family_name",
      "p.preferred_name",
    ])
    .where("e.id", "=", enrolmentId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    personId: row.person_id,
    personName: `${row.preferred_name ?? row.given_name} ${row.family_name}`,
    cohortId: row.cohort_id,
    programmeVersionId: row.programme_version_id,
    status: row.status,
    lineManagerPersonId: row.line_manager_person_id,
    assessorPersonId: row.assessor_person_id,
    mentorPersonId: row.mentor_person_id,
  };
}

/**
 * The enrolment in the URL if the viewer reaches it, else undefined (the route answers 404, the
 * same as a missing one): the NQSW their own; the named assessor, mentor or line manager; the
 * co-ordinator; managers, HR, the PSW and senior leaders when the NQSW is in their `view` scope.
 */
export async function reachEnrolment(
  app: FastifyInstance,
  request: FastifyRequest,
  enrolmentId: unknown,
): Promise<{ enrolment: ReachedEnrolment; relation: EnrolmentRelation } | undefined> {
  if (!isUuid(enrolmentId) || !request.principal) return undefined;
  const ctx = request.tenantContext();
  const enrolment = await app.platform.data.run(ctx, (db) => loadEnrolment(db, enrolmentId));
  if (!enrolment) return undefined;
  const me = request.principal.personId ?? null;
  const coordinator = can(app, request, earlyCareerPermissions.manage);
  const named = (id: string | null) => me !== null && id === me;
  const relation: EnrolmentRelation = {
    self: named(enrolment.personId),
    assessor: named(enrolment.assessorPersonId) && can(app, request, earlyCareerPermissions.assess),
    mentor: named(enrolment.mentorPersonId),
    lineManager: named(enrolment.lineManagerPersonId),
    coordinator,
    canAssess: false,
  };
  relation.canAssess = relation.coordinator || relation.assessor;
  const visible =
    relation.self ||
    relation.assessor ||
    relation.mentor ||
    relation.lineManager ||
    relation.coordinator ||
    (can(app, request, earlyCareerPermissions.view) &&
      (await app.people.reaches(ctx, request.scope(earlyCareerPermissions.view), enrolment.personId)));
  return visible ? { enrolment, relation } : undefined;
}
