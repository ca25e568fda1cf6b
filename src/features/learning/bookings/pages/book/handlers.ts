import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { RuleError, ruleErrorView } from "../../../../../platform/forms/rule-error.js";
import { setNotice } from "../../../../../platform/http/notice.js";
import { can } from "../../../../../platform/http/request-helpers.js";
import { learningPermissions } from "../../../permissions.js";
import { SessionFullError } from "../../errors.js";
import type { BookingPagesOptions } from "../index.js";
import { isUuid, notFound } from "../shared.js";
import { type BookForm, bookForm } from "./schema.js";

type Params = { Params: { sessionId: string } };
const permission = learningPermissions.view;

/**
 * `/learning/sessions/:sessionId/book`: book a place for yourself, or (managers, supervising social
 * workers, L&D) for someone you reach. The session page posts here; refusals show on this page.
 */
export async function bookRoutes(app: FastifyInstance, opts: BookingPagesOptions) {
  const { service } = opts;

  async function choices(request: FastifyRequest, chosen: unknown) {
    if (!can(app, request, learningPermissions.bookForOthers)) return null;
    const scope = request.scope(learningPermissions.bookForOthers);
    if (scope.tenant) return null;
    const own = request.principal?.personId ?? null;
    const people = (await opts.queries.bookable(request.tenantContext(), scope, service.today(), 500)).filter(
      (p) => p.id !== own,
    );
    if (people.length === 0) return null;
    return [
      ...(own ? [{ value: "", text: "Myself" }] : [{ value: "", text: "Select a person" }]),
      ...people.map((p) => ({
        value: p.id,
        text: `${p.givenName} ${p.familyName}`,
        selected: p.id === chosen,
      })),
    ];
  }

  async function render(
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    session: NonNullable<Awaited<ReturnType<typeof service.session>>>,
    form: FormState & { full?: boolean },
  ) {
    return reply.code(form.errorSummary?.length ? 400 : 200).render("learning/bookings/pages/book/view.njk", {
      pageTitle: `Book a place on ${session.courseTitle}`,
      session,
      people: await choices(request, form.values.personId),
      values: form.values,
      errors: form.errors,
      errorSummary: form.errorSummary ?? [],
      full: form.full ?? (session.placesLeft === 0 && session.bookingRoute === "self"),
      manageSessions: can(app, request, learningPermissions.manageSessions),
    });
  }

  const load = (request: FastifyRequest<Params>) =>
    isUuid(request.params.sessionId)
      ? service.session(request.tenantContext(), request.params.sessionId)
      : Promise.resolve(undefined);

  app.get<Params>(
    "/learning/sessions/:sessionId/book",
    { config: { permission } },
    async (request, reply) => {
      const session = await load(request);
      if (!session) return notFound(reply);
      return render(request, reply, session, { values: {}, errors: {} });
    },
  );

  app.post<Params>(
    "/learning/sessions/:sessionId/book",
    { config: { permission, form: bookForm } },
    async (request, reply) => {
      const session = await load(request);
      if (!session) return notFound(reply);
      const result = request.formResult as FormResult<BookForm>;
      if (!result.ok) return render(request, reply, session, result);
      const ctx = request.tenantContext();
      const own = request.principal?.personId ?? null;
      const personId = result.data.personId ?? own;
      const values = { personId: result.data.personId ?? "" };
      if (!personId) {
        return render(request, reply, session, {
          values,
          ...ruleErrorView(new RuleError("personId", "Select who the place is for")),
        });
      }
      const forOthers = personId !== own;
      if (
        forOthers &&
        !(
          can(app, request, learningPermissions.bookForOthers) &&
          (await app.people.reaches(ctx, request.scope(learningPermissions.bookForOthers), personId))
        )
      ) {
        return notFound(reply);
      }
      try {
        const booked = await service.book(ctx, {
          sessionId: session.id,
          personId,
          booker: {
            personId: own,
            manageSessions: can(app, request, learningPermissions.manageSessions),
            reachesPerson: forOthers,
          },
          joinWaitingList: result.data.waiting_list,
        });
        if (!booked) return notFound(reply);
        const who = forOthers ? "The person" : "You";
        setNotice(
          request,
          booked.status === "booked"
            ? `${forOthers ? "A place is booked" : "You have a place"} on ${session.courseTitle}`
            : booked.status === "waiting"
              ? `${who} ${forOthers ? "is" : "are"} on the waiting list for ${session.courseTitle}`
              : `The request for a place on ${session.courseTitle} has been sent for approval`,
        );
        if (!forOthers) return reply.redirect("/learning/bookings", 303);
        return reply.redirect(
          can(app, request, learningPermissions.manageSessions)
            ? `/learning/sessions/${session.id}/bookings`
            : "/learning/approvals",
          303,
        );
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        return render(request, reply, session, {
          values,
          ...ruleErrorView(err),
          full: err instanceof SessionFullError,
        });
      }
    },
  );
}
