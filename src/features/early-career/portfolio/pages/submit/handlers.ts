import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { RuleError } from "../../../../../platform/forms/rule-error.js";
import { setNotice } from "../../../../../platform/http/notice.js";
import { earlyCareerPermissions } from "../../../permissions.js";
import { evidenceKindPlurals } from "../../reference.js";
import {
  dateText,
  type EnrolmentParams,
  type PageOptions,
  portfolioHref,
  reachedAllowed,
  reachedPortfolio,
} from "../shared.js";

/**
 * `.../portfolio/submit`: the NQSW confirms, then the portfolio is submitted (refused, with what
 * is missing, until it holds the minimum evidence) and the portfolio milestone completed.
 */
export async function submitRoutes(app: FastifyInstance, opts: PageOptions) {
  const { portfolio } = opts;
  const permission = earlyCareerPermissions.view;
  const url = "/early-career/enrolments/:enrolmentId/portfolio/submit";

  async function page(
    request: FastifyRequest<{ Params: EnrolmentParams }>,
    reply: FastifyReply,
    error: string | null,
  ) {
    const found = await reachedPortfolio(app, portfolio, request, reply, (r) => r.self);
    if (!found.ok) return found.reply;
    const p = found.portfolio;
    const { state, coverage } = p;
    return reply.code(error ? 400 : 200).render("early-career/portfolio/pages/submit/view.njk", {
      pageTitle: "Submit your portfolio",
      backHref: portfolioHref(found.enrolment.id),
      submittedOn: dateText(state.submittedOn),
      ended: state.status !== "active",
      kinds: coverage.kinds.map((k) => ({
        text: `${evidenceKindPlurals[k.kind]} ${k.have} of ${k.required}`,
        met: k.met,
      })),
      ready: coverage.kinds.every((k) => k.met),
      uncovered: coverage.standards.filter((s) => s.count === 0).map((s) => `${s.code} ${s.title}`),
      evidenceCount: p.evidence.length,
      errors: error ? { submit: error } : {},
      errorSummary: error ? [{ text: error, href: "#submit" }] : [],
    });
  }

  app.get<{ Params: EnrolmentParams }>(url, { config: { permission } }, (request, reply) =>
    page(request, reply, null),
  );

  app.post<{ Params: EnrolmentParams }>(
    url,
    { config: { permission, form: z.object({}) } },
    async (request, reply) => {
      const found = await reachedAllowed(app, request, reply, (r) => r.self);
      if (!found.ok) return found.reply;
      try {
        await portfolio.submit(request.tenantContext(), found.enrolment.id);
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        return page(request, reply, err.message);
      }
      setNotice(request, "Portfolio submitted: your assessor can now sign it off");
      return reply.redirect(portfolioHref(found.enrolment.id), 303);
    },
  );
}
