import type { FastifyInstance } from "fastify";
import { exportFormat, sendExport } from "../../../../../platform/exports/exports.js";
import { takeNotice } from "../../../../../platform/http/notice.js";
import { supervisionPermissions } from "../../../permissions.js";
import type { PolicyRule } from "../../../policy/due.js";
import type { SupervisionRow } from "../../records.service.js";
import {
  can,
  dateText,
  kindNames,
  notFound,
  type PageOptions,
  personHref,
  reachPerson,
  recordView,
  statusClasses,
  statusNames,
} from "../shared.js";

/** The columns of the records export: never the reflective note. */
const recordColumns = [
  { header: "Date", value: (r: SupervisionRow) => r.heldOn },
  { header: "Kind", value: (r: SupervisionRow) => kindNames[r.kind] },
  { header: "Supervisor", value: (r: SupervisionRow) => r.supervisorName },
  { header: "Held or cancelled", value: (r: SupervisionRow) => (r.status === "held" ? "Held" : "Cancelled") },
  { header: "Rearranged for", value: (r: SupervisionRow) => r.rearrangedOn },
  { header: "Duration (minutes)", value: (r: SupervisionRow) => r.durationMinutes },
  { header: "Source", value: (r: SupervisionRow) => (r.source === "imported" ? "Imported" : "Recorded") },
  { header: "Confirmed on", value: (r: SupervisionRow) => r.confirmedOn },
];

const every = (value: number, unit: "weeks" | "months") =>
  value === 1 ? `Every ${unit === "weeks" ? "week" : "month"}` : `Every ${value} ${unit}`;

/** The rule in force for the person, in words. */
export function ruleText(rule: PolicyRule): string {
  const whose: Record<PolicyRule["appliesTo"], string> = {
    default: "the default rule",
    job_role: "the rule for their job role",
    career_level: "the rule for their career level",
    early_career: "the rule for NQSWs on an early career programme",
  };
  const how =
    rule.appliesTo === "early_career" || rule.everyValue === null || rule.everyUnit === null
      ? "As their early career programme sets out (weekly at first, then fortnightly, then monthly)"
      : every(rule.everyValue, rule.everyUnit);
  const partTime = rule.partTime === "pro_rata" ? ", less often pro rata for part-time staff" : "";
  const kinds = rule.countingKinds.map((k) => kindNames[k].toLowerCase()).join(", ");
  const length = rule.expectedMinutes ? `, expected to last ${rule.expectedMinutes} minutes` : "";
  return `${how}${partTime} (${whose[rule.appliesTo]}): counts ${kinds} supervision${length}`;
}

/**
 * `/supervision/people/:personId`: a person's supervision for those who reach them (a
 * practitioner their own): status and next due date, the rule in force, the current agreement
 * and the records, with an export. Never the reflective note.
 */
export async function personRoutes(app: FastifyInstance, opts: PageOptions) {
  const permission = supervisionPermissions.view;
  app.get<{ Params: { personId: string }; Querystring: Record<string, unknown> }>(
    "/supervision/people/:personId",
    { config: { permission } },
    async (request, reply) => {
      const person = await reachPerson(app, opts, request, request.params.personId, permission);
      if (!person) return notFound(reply);
      const ctx = request.tenantContext();
      const rows = await opts.records.records(ctx, person.id);
      const format = exportFormat(request.query.format);
      if (format) return sendExport(reply, format, `supervision-${person.name}`, recordColumns, rows);
      const today = opts.records.today();
      const [status, agreement] = await Promise.all([
        app.supervisionCompliance.personStatus(ctx, person.id),
        app.platform.data.run(ctx, (db) => app.supervisionPolicy.currentAgreement(db, person.id, today)),
      ]);
      const me = request.principal?.personId ?? null;
      const mayRecord =
        me !== person.id &&
        can(app, request, supervisionPermissions.record) &&
        (await app.people.reaches(ctx, request.scope(supervisionPermissions.record), person.id));
      const supervisorName = agreement?.supervisorPersonId
        ? ((await opts.records.person(ctx, agreement.supervisorPersonId))?.name ?? null)
        : null;
      return reply.render("supervision/records/pages/person/view.njk", {
        pageTitle: `Supervision of ${person.name}`,
        notification: takeNotice(request),
        person,
        own: me === person.id,
        base: personHref(person.id),
        status: {
          expected: status.rule !== null,
          rule: status.rule ? ruleText(status.rule) : null,
          tag: status.status
            ? { text: statusNames[status.status], classes: statusClasses[status.status] }
            : null,
          dueOn: status.dueOn ? dateText(status.dueOn) : null,
          lastHeldOn: status.lastHeldOn ? dateText(status.lastHeldOn) : null,
          plannedOn: status.plannedOn ? dateText(status.plannedOn) : null,
        },
        agreement: agreement
          ? {
              agreedOn: dateText(agreement.agreedOn),
              reviewOn: agreement.reviewOn ? dateText(agreement.reviewOn) : null,
              reviewOverdue: agreement.reviewOn !== null && agreement.reviewOn < today,
              supervisor: supervisorName,
              signed:
                agreement.superviseeSignedOn && agreement.supervisorSignedOn
                  ? "Signed by both"
                  : agreement.superviseeSignedOn
                    ? "Signed by the supervisee only"
                    : agreement.supervisorSignedOn
                      ? "Signed by the supervisor only"
                      : "Not signed yet",
            }
          : null,
        mayRecord,
        records: rows.map(recordView),
      });
    },
  );
}
