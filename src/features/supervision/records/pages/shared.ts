import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { can, isUuid } from "../../../../platform/http/request-helpers.js";
import { formatDate } from "../../../../platform/views/render.js";
import { supervisionPermissions } from "../../permissions.js";
import type { ComplianceStatus, SupervisionKind } from "../../schema.js";
import type { PersonFacts, SupervisionRecordsService, SupervisionRow } from "../records.service.js";

export { can, isUuid };

export interface PageOptions {
  records: SupervisionRecordsService;
}

export function notFound(reply: FastifyReply): FastifyReply {
  return reply.code(404).render("errors/404.njk");
}

export const dateText = (value: unknown): string => formatDate(value, false);

/** A text field that reads a missing field as empty. */
export const text = z.preprocess((v) => (v === undefined || v === null ? "" : v), z.string().trim());

export const personHref = (personId: string) => `/supervision/people/${personId}`;
export const recordHref = (supervisionId: string) => `/supervision/records/${supervisionId}`;

export const kindNames: Record<SupervisionKind, string> = {
  individual: "Individual",
  group: "Group",
  reflective: "Reflective",
  practice_model_group: "Practice model group",
  case: "Case supervision",
};

export const statusNames: Record<ComplianceStatus, string> = {
  in_date: "In date",
  due: "Due",
  overdue: "Overdue",
};
export const statusClasses: Record<ComplianceStatus, string> = {
  in_date: "govuk-tag--green",
  due: "govuk-tag--yellow",
  overdue: "govuk-tag--red",
};

export const minutesText = (n: number | null) => (n === null ? "" : `${n} minutes`);

/**
 * The person in the URL if the viewer reaches them with the permission (a member of staff in
 * their scope), else undefined: the route answers 404, the same as for someone not on record.
 */
export async function reachPerson(
  app: FastifyInstance,
  opts: PageOptions,
  request: FastifyRequest,
  personId: unknown,
  permission: string,
): Promise<PersonFacts | undefined> {
  if (!isUuid(personId) || !request.principal) return undefined;
  const ctx = request.tenantContext();
  const person = await opts.records.person(ctx, personId);
  if (person?.kind !== "staff") return undefined;
  if (!(await app.people.reaches(ctx, request.scope(permission), personId))) return undefined;
  return person;
}

/** How the viewer stands to a supervision record. */
export interface RecordRelation {
  /** The supervisee: reads the note, confirms the record. */
  self: boolean;
  /** Named as the supervisor: reads and writes the note, changes the record. */
  supervisor: boolean;
  /** Recorded it (and may change it while they hold the record permission). */
  recorder: boolean;
  /** Reaches the supervisee with the view permission (managers, HR, the PSW, senior leaders). */
  inScope: boolean;
}

/**
 * The record in the URL if the viewer may see it (the supervisee, the supervisor, or someone
 * who has the supervisee in their view scope), with how they stand to it; undefined -> 404.
 */
export async function reachRecord(
  app: FastifyInstance,
  opts: PageOptions,
  request: FastifyRequest,
  supervisionId: unknown,
): Promise<{ record: SupervisionRow; relation: RecordRelation } | undefined> {
  if (!isUuid(supervisionId) || !request.principal) return undefined;
  const ctx = request.tenantContext();
  const record = await opts.records.record(ctx, supervisionId);
  if (!record) return undefined;
  const me = request.principal.personId ?? null;
  const relation: RecordRelation = {
    self: me !== null && record.personId === me,
    supervisor: me !== null && record.supervisorPersonId === me,
    recorder: record.recordedBy === `user:${request.principal.userId}`,
    inScope:
      can(app, request, supervisionPermissions.view) &&
      (await app.people.reaches(ctx, request.scope(supervisionPermissions.view), record.personId)),
  };
  if (!relation.self && !relation.supervisor && !relation.inScope) return undefined;
  return { record, relation };
}

/** Whether the viewer may change the record: its recorder or supervisor, never the supervisee. */
export function mayChange(
  app: FastifyInstance,
  request: FastifyRequest,
  relation: RecordRelation,
  record: SupervisionRow,
) {
  return (
    record.source === "recorded" &&
    !relation.self &&
    (relation.recorder || relation.supervisor) &&
    can(app, request, supervisionPermissions.record)
  );
}

/** A record as a table row and the summary of its page (never the note). */
export function recordView(r: SupervisionRow) {
  return {
    id: r.id,
    href: recordHref(r.id),
    heldOn: dateText(r.heldOn),
    kind: kindNames[r.kind],
    supervisor: r.supervisorName ?? "Not recorded",
    held: r.status === "held",
    status: r.status === "held" ? "Held" : "Cancelled",
    rearranged: r.rearrangedOn ? dateText(r.rearrangedOn) : null,
    cancelledReason: r.cancelledReason,
    duration: minutesText(r.durationMinutes),
    actions: r.actions,
    source: r.source === "imported" ? "Imported" : "Recorded",
    confirmed: r.confirmedOn ? dateText(r.confirmedOn) : null,
  };
}
