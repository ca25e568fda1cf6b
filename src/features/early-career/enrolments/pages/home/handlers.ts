import type { FastifyInstance } from "fastify";
import { takeNotice } from "../../../../../platform/http/notice.js";
import { can } from "../../../../../platform/http/request-helpers.js";
import { earlyCareerPermissions } from "../../../permissions.js";
import type { Enrolment } from "../../enrolments.service.js";
import { milestoneStatusNames, milestoneStatusTags } from "../../milestone-status.js";
import { enrolmentStatusNames, enrolmentStatusTags } from "../../reference.js";
import { dateText, enrolmentHref, type PageOptions } from "../shared.js";

/** The next milestone as a line of text and a tag, for summaries and tables. */
export function nextView(e: Enrolment) {
  if (e.status !== "active") return null;
  const m = e.next;
  if (!m) return { text: "All milestones completed", tag: null, href: null };
  return {
    text: `${m.name}, due ${dateText(m.dueOn)}`,
    name: m.name,
    due: dateText(m.dueOn),
    tag: { text: milestoneStatusNames[m.status], classes: milestoneStatusTags[m.status] },
    href: `${enrolmentHref(e.id)}/milestones/${m.id}`,
  };
}

export function statusTag(e: Enrolment) {
  if (e.status === "active" && e.paused) return { text: "Paused", classes: "govuk-tag--orange" };
  return { text: enrolmentStatusNames[e.status], classes: enrolmentStatusTags[e.status] };
}

/**
 * `/early-career`: the viewer's own programme (active or latest), the NQSWs they support as
 * assessor, mentor or line manager, and the co-ordinator's links. Someone with none of these
 * sees that they are not on an early career programme.
 */
export async function homeRoutes(app: FastifyInstance, opts: PageOptions) {
  const { enrolments } = opts;
  app.get(
    "/early-career",
    { config: { permission: earlyCareerPermissions.view } },
    async (request, reply) => {
      const ctx = request.tenantContext();
      const personId = request.principal?.personId ?? null;
      const coordinator = can(app, request, earlyCareerPermissions.manage);
      const [own, supported] = personId
        ? await Promise.all([enrolments.ownEnrolment(ctx, personId), enrolments.supported(ctx, personId)])
        : [null, []];
      // Managers, HR, the PSW and senior leaders: the NQSWs in their scope they are not named on.
      const named = new Set(supported.map((e) => e.id));
      const inScope = coordinator
        ? []
        : (await enrolments.inScope(ctx, request.scope(earlyCareerPermissions.view))).filter(
            (e) => !named.has(e.id) && e.personId !== personId,
          );
      const hr = can(app, request, earlyCareerPermissions.progression);
      if (!own && supported.length === 0 && inScope.length === 0 && !coordinator && !hr) {
        return reply.render("early-career/enrolments/pages/home/none.njk", { pageTitle: "Early career" });
      }
      return reply.render("early-career/enrolments/pages/home/view.njk", {
        pageTitle: "Early career",
        notification: takeNotice(request),
        coordinator,
        hr,
        inScope: inScope.map((e) => ({
          name: e.personName,
          href: enrolmentHref(e.id),
          programmeName: e.programmeName,
          startOn: dateText(e.startOn),
          status: statusTag(e),
          next: nextView(e),
        })),
        own: own
          ? {
              href: enrolmentHref(own.id),
              programmeName: own.programmeName,
              cohortName: own.cohortName,
              startOn: dateText(own.startOn),
              endOn: dateText(own.endOn),
              assessorName: own.assessorName,
              active: own.status === "active",
              status: statusTag(own),
              next: nextView(own),
              portfolioHref: `${enrolmentHref(own.id)}/portfolio`,
            }
          : null,
        supported: supported.map((e) => ({
          name: e.personName,
          href: enrolmentHref(e.id),
          roles: e.roles.join(", "),
          programmeName: e.programmeName,
          startOn: dateText(e.startOn),
          status: statusTag(e),
          next: nextView(e),
        })),
      });
    },
  );
}
