import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { CellValue } from "../../../../../platform/exports/exports.js";
import { exportFormat, sendExport } from "../../../../../platform/exports/exports.js";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { RuleError, ruleErrorView } from "../../../../../platform/forms/rule-error.js";
import { takeNotice } from "../../../../../platform/http/notice.js";
import { learningPermissions } from "../../../permissions.js";
import type { CohortReport } from "../../bookings.service.js";
import type { BookingPagesOptions } from "../index.js";
import { isUuid, notFound, outcomeNames, statusName } from "../shared.js";
import { type CohortForm, cohortForm } from "./schema.js";

type Params = { Params: { sessionId: string }; Querystring: { format?: string } };
const permission = learningPermissions.manageSessions;

/**
 * `/learning/sessions/:sessionId/bookings`: L&D's view of a session's places: who is booked, the
 * offers, the requests and the waiting list in priority order; cohort booking; the export.
 */
export async function sessionBookingsRoutes(app: FastifyInstance, opts: BookingPagesOptions) {
  const { service, queries } = opts;

  const load = (request: FastifyRequest<Params>) =>
    isUuid(request.params.sessionId)
      ? service.session(request.tenantContext(), request.params.sessionId)
      : Promise.resolve(undefined);

  async function render(
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    session: NonNullable<Awaited<ReturnType<typeof service.session>>>,
    form: FormState,
    report?: CohortReport,
  ) {
    const ctx = request.tenantContext();
    const today = service.today();
    const [lists, units] = await Promise.all([
      queries.sessionBookings(ctx, session.id, today),
      queries.units(ctx, today),
    ]);
    const named = <T extends { givenName: string; familyName: string }>(r: T) => ({
      ...r,
      name: `${r.givenName} ${r.familyName}`,
    });
    const of = (status: string) => lists.all.filter((b) => b.status === status).map(named);
    const booked = of("booked").map((b) => ({
      ...b,
      outcomeName: b.outcome ? outcomeNames[b.outcome] : null,
    }));
    const offered = of("offered");
    return reply
      .code(form.errorSummary?.length ? 400 : 200)
      .render("learning/bookings/pages/session-bookings/view.njk", {
        pageTitle: `Bookings: ${session.courseTitle}`,
        notification: form.errorSummary?.length ? undefined : takeNotice(request),
        session,
        parts: lists.parts,
        booked,
        offered,
        requested: of("requested"),
        waiting: lists.waiting.map((w, i) => ({
          ...w,
          position: i + 1,
          why: [w.nqsw ? "NQSW" : null, w.overdue ? "Overdue on mandatory learning" : null].filter(Boolean),
        })),
        placesLeft: Math.max(0, session.capacity - booked.length - offered.length),
        unitItems: [
          { value: "", text: "Select a team" },
          ...units.map((u) => ({ value: u.id, text: u.name, selected: u.id === form.values.unitId })),
        ],
        report,
        values: form.values,
        errors: form.errors,
        errorSummary: form.errorSummary ?? [],
      });
  }

  app.get<Params>(
    "/learning/sessions/:sessionId/bookings",
    { config: { permission } },
    async (request, reply) => {
      const session = await load(request);
      if (!session) return notFound(reply);
      const format = exportFormat(request.query.format);
      if (format) {
        const { all } = await queries.sessionBookings(request.tenantContext(), session.id, service.today());
        const columns: Array<{ header: string; value: (r: (typeof all)[number]) => CellValue }> = [
          { header: "Given name", value: (r) => r.givenName },
          { header: "Family name", value: (r) => r.familyName },
          { header: "Employee number", value: (r) => r.employeeNumber },
          { header: "Email", value: (r) => r.email },
          { header: "Status", value: (r) => statusName(r.status) },
          { header: "Offer ends", value: (r) => r.offerExpiresAt },
          { header: "Outcome", value: (r) => (r.outcome ? outcomeNames[r.outcome] : null) },
          { header: "Booked on", value: (r) => r.createdAt.toISOString().slice(0, 10) },
        ];
        return sendExport(reply, format, "session-bookings", columns, all);
      }
      return render(request, reply, session, { values: {}, errors: {} });
    },
  );

  app.post<Params>(
    "/learning/sessions/:sessionId/cohort",
    { config: { permission, form: cohortForm } },
    async (request, reply) => {
      const session = await load(request);
      if (!session) return notFound(reply);
      const result = request.formResult as FormResult<CohortForm>;
      if (!result.ok) return render(request, reply, session, result);
      const values = request.body as Record<string, unknown>;
      try {
        const report = await service.bookCohort(
          request.tenantContext(),
          session.id,
          result.data.unitId
            ? { unitId: result.data.unitId }
            : { employeeNumbers: result.data.employee_numbers },
        );
        if (!report) return notFound(reply);
        return render(request, reply, session, { values: {}, errors: {} }, report);
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        return render(request, reply, session, {
          values,
          ...ruleErrorView(new RuleError("unitId", err.message)),
        });
      }
    },
  );
}
