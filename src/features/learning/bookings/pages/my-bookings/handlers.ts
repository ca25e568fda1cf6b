import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormResult } from "../../../../../platform/forms/form.js";
import { RuleError } from "../../../../../platform/forms/rule-error.js";
import { setNotice, takeNotice } from "../../../../../platform/http/notice.js";
import { can } from "../../../../../platform/http/request-helpers.js";
import { learningPermissions } from "../../../permissions.js";
import type { BookingPagesOptions } from "../index.js";
import { isUuid, notFound, outcomeNames, problem, statusColour, statusName } from "../shared.js";
import { type CancelForm, cancelForm, offerForm } from "./schema.js";

type Params = { Params: { bookingId: string } };
const permission = learningPermissions.view;

/**
 * `/learning/bookings`: the viewer's own bookings, with offers to accept or decline and places to
 * cancel; and the cancel, accept and decline actions.
 */
export async function myBookingsRoutes(app: FastifyInstance, opts: BookingPagesOptions) {
  const { service, queries } = opts;

  async function render(request: FastifyRequest, reply: FastifyReply, error?: RuleError) {
    const own = request.principal?.personId ?? null;
    const rows = own ? await queries.myBookings(request.tenantContext(), own) : [];
    return reply.code(error ? 400 : 200).render("learning/bookings/pages/my-bookings/view.njk", {
      pageTitle: "My bookings",
      notification: error ? undefined : takeNotice(request),
      errorSummary: error ? [{ text: error.message, href: "#bookings" }] : [],
      linked: own !== null,
      rows: rows.map((r) => ({
        ...r,
        statusName: statusName(r.status),
        statusColour: statusColour(r.status),
        outcomeName: r.outcome ? outcomeNames[r.outcome] : null,
        live: ["requested", "booked", "waiting"].includes(r.status),
      })),
    });
  }

  app.get("/learning/bookings", { config: { permission } }, (request, reply) => render(request, reply));

  app.post<Params>(
    "/learning/bookings/:bookingId/cancel",
    { config: { permission, form: cancelForm } },
    async (request, reply) => {
      if (!isUuid(request.params.bookingId)) return notFound(reply);
      const ctx = request.tenantContext();
      const booking = await service.booking(ctx, request.params.bookingId);
      if (!booking) return notFound(reply);
      const self = booking.person_id === (request.principal?.personId ?? null);
      const manageSessions = can(app, request, learningPermissions.manageSessions);
      const manager =
        !self &&
        can(app, request, learningPermissions.bookForOthers) &&
        (await app.people.reaches(ctx, request.scope(learningPermissions.bookForOthers), booking.person_id));
      if (!self && !manageSessions && !manager) return notFound(reply);
      const back = self
        ? "/learning/bookings"
        : manageSessions
          ? `/learning/sessions/${booking.session_id}/bookings`
          : "/learning/approvals";
      const result = request.formResult as FormResult<CancelForm>;
      if (!result.ok) return problem(reply, result.errorSummary, { href: back, text: "Go back" });
      try {
        await service.cancel(ctx, booking.id, { manageSessions }, result.data.reason);
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        if (self) return render(request, reply, err);
        return problem(reply, [{ text: err.message, href: "#back" }], { href: back, text: "Go back" });
      }
      setNotice(request, `The booking on ${booking.courseTitle} is cancelled`);
      return reply.redirect(back, 303);
    },
  );

  for (const action of ["accept", "decline"] as const) {
    app.post<Params>(
      `/learning/bookings/:bookingId/${action}`,
      { config: { permission, form: offerForm } },
      async (request, reply) => {
        if (!isUuid(request.params.bookingId)) return notFound(reply);
        const ctx = request.tenantContext();
        const own = request.principal?.personId ?? null;
        try {
          const done =
            action === "accept"
              ? await service.accept(ctx, request.params.bookingId, own)
              : await service.decline(ctx, request.params.bookingId, own);
          if (!done) return notFound(reply);
        } catch (err) {
          if (err instanceof RuleError) return render(request, reply, err);
          throw err;
        }
        setNotice(
          request,
          action === "accept" ? "You have accepted the place" : "You have declined the place",
        );
        return reply.redirect("/learning/bookings", 303);
      },
    );
  }
}
