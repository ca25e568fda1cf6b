import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormState } from "../../../../platform/forms/form.js";
import { RuleError } from "../../../../platform/forms/rule-error.js";
import { setNotice } from "../../../../platform/http/notice.js";
import { planYearName, priorityNames, statusNames, themeName } from "../../../learning/needs/reference.js";
import type { NeedPriority, NeedStatus } from "../../../learning/needs/schema.js";
import { pcfDomains } from "../../../learning/reference.js";
import { appraisalPermissions } from "../../permissions.js";
import {
  anyForm,
  appraisalHref,
  cycleHref,
  dateText,
  forbidden,
  notFound,
  overdueNames,
  type PageOptions,
  pageView,
  progressNames,
  type ReachedAppraisal,
  reachAppraisal,
  ruleErrorState,
  statusTags,
} from "../shared.js";

type Params = { appraisalId: string };

/**
 * `/appraisal/appraisals/:appraisalId`: an appraisal as its appraisee, appraiser and the managers,
 * HR and leaders in scope read it: its stages against the cycle's due dates (overdue ones
 * flagged), the objectives, the mid-year review, the career aspiration, the development needs
 * and the completion; links to record each part; and the appraisee's confirmation (`/confirm`).
 */
export async function appraisalRoutes(app: FastifyInstance, opts: PageOptions) {
  function render(
    request: FastifyRequest,
    reply: FastifyReply,
    page: ReachedAppraisal,
    form: FormState | null,
  ) {
    const { appraisal: a, cycle, objectives, needs, status, relation } = page;
    const href = appraisalHref(a.id);
    const stage = (done: string | null, due: string, key: keyof typeof overdueNames) => ({
      done: done ? dateText(done) : null,
      due: dateText(due),
      overdue: status.overdue.includes(key) ? overdueNames[key] : null,
    });
    const locked = a.completedOn !== null;
    return reply.code(form?.errorSummary?.length ? 400 : 200).render("appraisal/pages/appraisal/view.njk", {
      ...pageView(request, page, `Appraisal ${cycle.name}`, form),
      backHref: "/appraisal",
      href,
      cycleHref: cycleHref(cycle.id),
      appraiserName: a.appraiserName ?? "Not named",
      tags: statusTags(status),
      stages: {
        objectives: stage(a.objectivesAgreedOn, cycle.objectivesDueOn, "objectives"),
        midYear: stage(a.midYearOn, cycle.midYearDueOn, "mid_year"),
        completion: stage(a.completedOn, cycle.completionDueOn, "completion"),
      },
      objectives: objectives.map((o) => ({
        sequence: o.sequence,
        objective: o.objective,
        measure: o.measure ?? "",
        progress: progressNames[o.progress],
      })),
      midYearSummary: a.midYearSummary,
      careerAspiration: a.careerAspiration,
      finalSummary: a.finalSummary,
      confirmed: a.confirmedOn ? dateText(a.confirmedOn) : null,
      completed: a.completedOn !== null,
      needs: needs.map((n) => ({
        what: n.courseTitle ? `${n.courseTitle} (${n.courseCode})` : (n.description ?? ""),
        theme: n.courseId ? "Course from the catalogue" : themeName(n.theme),
        priority: priorityNames[n.priority as NeedPriority] ?? n.priority,
        pcf: n.pcfDomain ? (pcfDomains[n.pcfDomain as keyof typeof pcfDomains] ?? n.pcfDomain) : "",
        neededBy: n.neededBy ? dateText(n.neededBy) : "",
        year: planYearName(n.planYear),
        status: statusNames[n.status as NeedStatus] ?? n.status,
      })),
      canRecord: relation.canRecord && !locked,
      canComplete: relation.canRecord && !locked,
      canConfirm: relation.self && locked && !a.confirmedOn,
      isSelf: relation.self,
      links: {
        objectives: `${href}/objectives`,
        midYear: `${href}/mid-year`,
        needs: `${href}/needs`,
        complete: `${href}/complete`,
      },
    });
  }

  app.get<{ Params: Params }>(
    "/appraisal/appraisals/:appraisalId",
    { config: { permission: appraisalPermissions.view } },
    async (request, reply) => {
      const page = await reachAppraisal(app, request, opts, request.params.appraisalId);
      if (!page) return notFound(reply);
      return render(request, reply, page, null);
    },
  );

  app.post<{ Params: Params }>(
    "/appraisal/appraisals/:appraisalId/confirm",
    { config: { permission: appraisalPermissions.view, form: anyForm } },
    async (request, reply) => {
      const page = await reachAppraisal(app, request, opts, request.params.appraisalId);
      if (!page) return notFound(reply);
      if (!page.relation.self) return forbidden(reply);
      try {
        await opts.appraisals.confirm(request.tenantContext(), page.appraisal.id);
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        return render(request, reply, page, ruleErrorState(err, {}));
      }
      setNotice(request, "You have confirmed your appraisal");
      return reply.redirect(appraisalHref(page.appraisal.id), 303);
    },
  );
}
