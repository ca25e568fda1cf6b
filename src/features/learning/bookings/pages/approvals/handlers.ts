import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ErrorSummaryItem, FormResult } from "../../../../../platform/forms/form.js";
import { RuleError } from "../../../../../platform/forms/rule-error.js";
import { setNotice, takeNotice } from "../../../../../platform/http/notice.js";
import { can } from "../../../../../platform/http/request-helpers.js";
import { learningPermissions } from "../../../permissions.js";
import type { BookingPagesOptions } from "../index.js";
import { isUuid, notFound, statusColour, statusName } from "../shared.js";
import { type DecisionForm, decisionForm } from "./schema.js";

type Params = { Params: { bookingId: string } };
const permission = learningPermissions.bookForOthers;

/**
 * `/learning/approvals`: requests for places the viewer may decide (their people's on courses
 * their manager approves; L&D's on courses the learning team approves), and places they booked.
 */
export async function approvalsRoutes(app: FastifyInstance, opts: BookingPagesOptions) {
  const { service, queries } = opts;

  async function render(request: FastifyRequest, reply: FastifyReply, errorSummary: ErrorSummaryItem[] = []) {
    const ctx = request.tenantContext();
    const own = request.principal?.personId ?? null;
    const [requests, booked] = await Promise.all([
      queries.approvals(
        ctx,
        request.scope(permission),
        { personId: own, manageSessions: can(app, request, learningPermissions.manageSessions) },
        service.today(),
      ),
      queries.bookedByMe(ctx, own),
    ]);
    return reply.code(errorSummary.length ? 400 : 200).render("learning/bookings/pages/approvals/view.njk", {
      pageTitle: "Booking requests",
      notification: errorSummary.length ? undefined : takeNotice(request),
      errorSummary,
      requests,
      booked: booked.map((b) => ({
        ...b,
        statusName: statusName(b.status),
        statusColour: statusColour(b.status),
      })),
    });
  }

  app.get("/learning/approvals", { config: { permission } }, (request, reply) => render(request, reply));

  app.post<Params>(
    "/learning/bookings/:bookingId/decision",
    { config: { permission, form: decisionForm } },
    async (request, reply) => {
      if (!isUuid(request.params.bookingId)) return notFound(reply);
      const ctx = request.tenantContext();
      const booking = await service.booking(ctx, request.params.bookingId);
      if (!booking) return notFound(reply);
      const own = request.principal?.personId ?? null;
      const allowed =
        booking.approval_by === "learning_team"
          ? can(app, request, learningPermissions.manageSessions)
          : booking.person_id !== own &&
            (await app.people.reaches(ctx, request.scope(permission), booking.person_id));
      if (!allowed) return notFound(reply);
      const result = request.formResult as FormResult<DecisionForm>;
      if (!result.ok) {
        return render(
          request,
          reply,
          result.errorSummary.map((e) => ({ text: e.text, href: `#decision-${booking.id}` })),
        );
      }
      try {
        await service.decide(ctx, booking.id, result.data.decision === "approve", result.data.note);
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        return render(request, reply, [{ text: err.message, href: "#requests" }]);
      }
      setNotice(
        request,
        result.data.decision === "approve" ? "The request is approved" : "The request is rejected",
      );
      return reply.redirect("/learning/approvals", 303);
    },
  );
}
