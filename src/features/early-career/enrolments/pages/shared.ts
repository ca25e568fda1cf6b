import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { isUuid } from "../../../../platform/http/request-helpers.js";
import { text } from "../../pages-shared.js";
import type { EarlyCareerEnrolmentsService } from "../enrolments.service.js";

/** The helpers every early-career page folder shares. */
export * from "../../pages-shared.js";

export interface PageOptions {
  enrolments: EarlyCareerEnrolmentsService;
}

/** A select of ids: empty -> null; anything but a UUID is refused with the message. */
export const optionalId = (message: string) =>
  text.pipe(
    z
      .string()
      .refine((v) => v === "" || isUuid(v), message)
      .transform((v) => v || null),
  );

export const requiredId = (message: string) => text.pipe(z.string().refine((v) => isUuid(v), message));

/** FTE as typed: 0.1 to 1, up to 3 decimal places ("0.6", "1"). */
export function fteOf(value: string): number | null {
  if (!/^(0(\.\d{1,3})?|1(\.0{1,3})?|\.\d{1,3})$/.test(value)) return null;
  const n = Number(value);
  return n >= 0.1 && n <= 1 ? n : null;
}

export const cohortHref = (cohortId: string) => `/early-career/cohorts/${cohortId}`;

/** Select items with an empty first choice. */
export function selectItems(
  choices: Array<{ id: string; text: string }>,
  selected: unknown,
  empty: string,
): Array<{ value: string; text: string; selected?: boolean }> {
  return [
    { value: "", text: empty },
    ...choices.map((c) => ({ value: c.id, text: c.text, selected: c.id === selected })),
  ];
}

/** Team select items from the people service's unit tree (indented by depth). */
export function unitItems(
  units: Array<{ orgUnitId: string; name: string; depth: number }>,
  selected: unknown,
  empty: string,
) {
  return selectItems(
    units.map((u) => ({ id: u.orgUnitId, text: `${"\u2013 ".repeat(u.depth)}${u.name}` })),
    selected,
    empty,
  );
}

/**
 * The team and supporting people selects of the enrol and change forms (the empty choices of the
 * team and line manager as given; assessor and mentor "Not named yet"), with the people loaded.
 */
export async function supportItems(
  app: FastifyInstance,
  enrolments: EarlyCareerEnrolmentsService,
  request: FastifyRequest,
  v: Record<string, unknown>,
  empty: { unit: string; lineManager: string },
) {
  const ctx = request.tenantContext();
  const [choices, org] = await Promise.all([
    enrolments.enrolChoices(ctx),
    app.people.choices(ctx, enrolments.today()),
  ]);
  return {
    choices,
    items: {
      unitItems: unitItems(org.units, v.org_unit_id, empty.unit),
      lineManagerItems: selectItems(choices.staff, v.line_manager_person_id, empty.lineManager),
      assessorItems: selectItems(choices.assessors, v.assessor_person_id, "Not named yet"),
      mentorItems: selectItems(choices.staff, v.mentor_person_id, "Not named yet"),
    },
  };
}

/** The team and supporting people as the form sent them, for the service. */
export function supportInput(f: {
  org_unit_id: string | null;
  line_manager_person_id: string | null;
  assessor_person_id: string | null;
  mentor_person_id: string | null;
}) {
  return {
    orgUnitId: f.org_unit_id,
    lineManagerPersonId: f.line_manager_person_id,
    assessorPersonId: f.assessor_person_id,
    mentorPersonId: f.mentor_person_id,
  };
}
