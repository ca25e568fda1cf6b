import type { FastifyInstance } from "fastify";
import { exportFormat, sendExport } from "../../../../platform/exports/exports.js";
import { findFosterHousehold } from "../../pages.queries.js";
import { peoplePermissions } from "../../permissions.js";
import {
  can,
  contractTypeName,
  disabilityNames,
  ethnicityName,
  exitThemeNames,
  formatFte,
  genderName,
  isUuid,
  leavingDestinationName,
  leavingReasonName,
  notFound,
  type Query,
  sourceNames,
  sweStatusName,
  takeNotice,
} from "../shared.js";

type Profile = NonNullable<Awaited<ReturnType<FastifyInstance["people"]["profile"]>>>;
type AssignmentRow = Profile["assignments"][number];

const kindNames: Record<string, string> = {
  staff: "Staff",
  foster_carer: "Foster carer",
  partner_learner: "Partner learner",
};

/** `/people/:personId`: a person's details, registration, leaving, equality data and assignment timeline. */
export async function personRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { personId: string } }>(
    "/people/:personId",
    { config: { permission: peoplePermissions.view } },
    async (request, reply) => {
      const { personId } = request.params;
      if (!isUuid(personId)) return notFound(reply);
      const ctx = request.tenantContext();
      const includeEquality = can(app, request, peoplePermissions.viewEquality);
      const profile = await app.people.profile(ctx, personId, { includeEquality });
      if (!profile) return notFound(reply);
      const { person, leaving } = profile;
      const name = `${person.given_name} ${person.family_name}`;

      const format = exportFormat((request.query as Query).format);
      if (format) {
        return sendExport(
          reply,
          format,
          `assignments-${person.family_name}-${person.given_name}`,
          [
            { header: "From", value: (a: AssignmentRow) => a.validFrom },
            { header: "To", value: (a) => a.validTo },
            { header: "Team", value: (a) => a.unitName },
            { header: "Role", value: (a) => a.jobRole },
            { header: "Career level", value: (a) => a.careerLevel },
            { header: "Contract type", value: (a) => contractTypeName(a.contractType) },
            { header: "FTE", value: (a) => Number(a.fte) },
            { header: "Post", value: (a) => a.postReference },
            { header: "Line manager", value: (a) => a.lineManagerName },
          ],
          profile.assignments,
        );
      }

      const household = person.foster_household_id
        ? await app.platform.data.run(ctx, (db) =>
            findFosterHousehold(db, person.foster_household_id as string),
          )
        : null;
      const canEdit = can(app, request, peoplePermissions.edit);
      const readOnly = new Set<string>(profile.readOnlyFields);
      const today = app.people.today();
      const hasLeft = leaving !== null && leaving.left_on <= today;
      // Someone can be recorded as leaving once per spell of work: not again unless they came back.
      const canRecordLeaving =
        person.kind === "staff" &&
        profile.assignments.length > 0 &&
        (leaving === null || profile.assignments.some((a) => a.validFrom > leaving.left_on));
      const field = (key: string) => ({
        changeHref: canEdit && !readOnly.has(key) ? `/people/${personId}/edit#${key}` : null,
        readOnlyText: readOnly.has(key) ? "From the HR system" : null,
      });

      return reply.render("people/pages/person/view.njk", {
        pageTitle: name,
        notification: takeNotice(request),
        name,
        kind: kindNames[person.kind] ?? person.kind,
        hasLeft,
        leftOn: leaving?.left_on ?? null,
        details: [
          { key: "Name", value: name, visuallyHidden: "name", ...field("given_name") },
          { key: "Preferred name", value: person.preferred_name, ...field("preferred_name") },
          { key: "Email", value: person.email, ...field("email") },
          { key: "Phone", value: person.phone, ...field("phone") },
          { key: "Employee number", value: person.employee_number, ...field("employee_number") },
          {
            key: "Start date",
            value: person.started_on,
            isDate: true,
            ...field("started_on"),
          },
        ],
        registration: [
          {
            key: "Registration number",
            value: person.swe_number,
            visuallyHidden: "Social Work England registration number",
            ...field("swe_number"),
          },
          {
            key: "Status",
            value: sweStatusName(person.swe_status),
            visuallyHidden: "Social Work England registration status",
            ...field("swe_status"),
          },
          { key: "First registered", value: person.swe_first_registered_on, isDate: true },
          { key: "Last checked", value: person.swe_last_checked_on, isDate: true },
        ],
        leaving: leaving
          ? {
              leftOn: leaving.left_on,
              reason: leavingReasonName(leaving.reason_code),
              destination: leavingDestinationName(leaving.destination_code),
              themes: leaving.exit_themes.map((t) => exitThemeNames[t as keyof typeof exitThemeNames] ?? t),
              notes: canEdit ? leaving.exit_notes : undefined,
            }
          : null,
        equality:
          includeEquality && profile.equality
            ? {
                dateOfBirth: profile.equality.date_of_birth,
                gender: genderName(profile.equality.gender),
                ethnicity: ethnicityName(profile.equality.ethnicity),
                disability: profile.equality.disability ? disabilityNames[profile.equality.disability] : null,
              }
            : null,
        showEquality: includeEquality,
        assignments: profile.assignments.map((a) => ({
          from: a.validFrom,
          to: a.validTo,
          current: a.current,
          unitName: a.unitName,
          unitHref: `/organisation/units/${a.orgUnitId}`,
          jobRole: a.jobRole,
          careerLevel: a.careerLevel,
          contractType: contractTypeName(a.contractType),
          fte: formatFte(a.fte),
          post: a.postReference,
          lineManager: a.lineManagerName,
          lineManagerHref: a.lineManagerId ? `/people/${a.lineManagerId}` : null,
        })),
        sources: profile.sources.map((s) => ({ name: sourceNames[s.source] ?? s.source, id: s.externalId })),
        household: household
          ? { name: household.name, reference: household.reference, href: `/foster-carers/${household.id}` }
          : null,
        editHref: canEdit ? `/people/${personId}/edit` : null,
        leaverHref: canEdit && canRecordLeaving ? `/people/${personId}/leaver` : null,
        exportBase: `/people/${personId}?`,
        // The audit trail and subject access belong to other features; their pages decide access.
        historyHref: request.scope("audit.view").tenant ? `/audit/history/people/${personId}` : null,
        subjectAccessHref: request.scope("data-protection.subject-access").tenant
          ? `/data-protection/subject-access/${personId}`
          : null,
      });
    },
  );
}
