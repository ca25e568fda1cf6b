import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { RuleError, ruleErrorView } from "../../../../../platform/forms/rule-error.js";
import { setNotice } from "../../../../../platform/http/notice.js";
import { isUuid } from "../../../../../platform/http/request-helpers.js";
import { learningPermissions } from "../../../permissions.js";
import type { SessionsService } from "../../sessions.service.js";
import { siteOf } from "../../site.js";
import { partText } from "../../times.js";
import { type CancelForm, cancelForm } from "./schema.js";

const permission = learningPermissions.manageSessions;
type Params = { Params: { sessionId: string } };

/** `/learning/sessions/:sessionId/cancel`: L&D confirm cancelling a session, giving the reason. */
export async function sessionCancelRoutes(app: FastifyInstance, opts: { sessions: SessionsService }) {
  const { sessions } = opts;
  const load = (request: FastifyRequest<Params>) =>
    isUuid(request.params.sessionId)
      ? sessions.session(request.tenantContext(), request.params.sessionId)
      : Promise.resolve(null);

  function render(
    reply: FastifyReply,
    found: NonNullable<Awaited<ReturnType<SessionsService["session"]>>>,
    form: FormState,
  ) {
    const s = found.session;
    return reply
      .code(form.errorSummary?.length ? 400 : 200)
      .render("learning/sessions/pages/session-cancel/view.njk", {
        pageTitle: `Cancel ${s.course_title}`,
        session: { id: s.id, courseTitle: s.course_title },
        parts: found.parts.map((p) => partText(p.starts_at, p.ends_at)),
        affected: found.booked + found.waiting,
        values: form.values,
        errors: form.errors,
        errorSummary: form.errorSummary ?? [],
      });
  }

  app.get<Params>(
    "/learning/sessions/:sessionId/cancel",
    { config: { permission } },
    async (request, reply) => {
      const found = await load(request);
      if (!found) return reply.code(404).render("errors/404.njk");
      if (found.session.status === "cancelled")
        return reply.redirect(`/learning/sessions/${found.session.id}`, 303);
      return render(reply, found, { values: {}, errors: {} });
    },
  );

  app.post<Params>(
    "/learning/sessions/:sessionId/cancel",
    { config: { permission, form: cancelForm } },
    async (request, reply) => {
      const found = await load(request);
      if (!found) return reply.code(404).render("errors/404.njk");
      const result = request.formResult as FormResult<CancelForm>;
      if (!result.ok) return render(reply, found, result);
      try {
        await sessions.cancel(
          request.tenantContext(),
          found.session.id,
          result.data.reason,
          siteOf(app, request).baseUrl,
        );
      } catch (err) {
        if (err instanceof RuleError)
          return render(reply, found, { values: result.data, ...ruleErrorView(err) });
        throw err;
      }
      setNotice(request, "Session cancelled. Everyone booked or waiting has been emailed");
      return reply.redirect(`/learning/sessions/${found.session.id}`, 303);
    },
  );
}
