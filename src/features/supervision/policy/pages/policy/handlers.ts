import type { FastifyInstance } from "fastify";
import { exportFormat, sendExport } from "../../../../../platform/exports/exports.js";
import { takeNotice } from "../../../../../platform/http/notice.js";
import { supervisionPermissions } from "../../../permissions.js";
import type { RuleView } from "../../policy.service.js";
import { kindNames, partTimeNames, targetNames } from "../../reference.js";
import { can, everyText, type PageOptions, ruleHref, ruleLines } from "../shared.js";

const stateNames: Record<RuleView["state"], string> = {
  in_force: "In force",
  future: "From a later date",
  ended: "Ended",
};

const ruleColumns = [
  { header: "Applies to", value: (r: RuleView) => targetNames[r.appliesTo] },
  { header: "Job role or career level", value: (r: RuleView) => r.targetName },
  { header: "How often", value: (r: RuleView) => everyText(r) },
  { header: "Part-time staff", value: (r: RuleView) => partTimeNames[r.partTime] },
  { header: "Kinds that count", value: (r: RuleView) => r.countingKinds.map((k) => kindNames[k]).join("; ") },
  { header: "Expected minutes", value: (r: RuleView) => r.expectedMinutes },
  { header: "From", value: (r: RuleView) => r.validFrom },
  { header: "To", value: (r: RuleView) => r.validTo },
  { header: "Status", value: (r: RuleView) => stateNames[r.state] },
];

const order = { early_career: 0, career_level: 1, job_role: 2, default: 3 } as const;

/** `/supervision/policy`: the rules in force and their history, and the settings. */
export async function policyRoutes(app: FastifyInstance, opts: PageOptions) {
  const { policy } = opts;
  app.get<{ Querystring: Record<string, unknown> }>(
    "/supervision/policy",
    { config: { permission: supervisionPermissions.view } },
    async (request, reply) => {
      const { rules, settings } = await policy.policy(request.tenantContext());
      const format = exportFormat(request.query.format);
      if (format)
        return sendExport(reply, format, `supervision-policy-${policy.today()}`, ruleColumns, rules);
      const view = (r: RuleView) => ({
        ...ruleLines(r),
        href: ruleHref(r.id),
        target: r.targetName ?? targetNames[r.appliesTo],
        state: stateNames[r.state],
      });
      const sorted = (list: RuleView[]) =>
        [...list].sort(
          (a, b) =>
            order[a.appliesTo] - order[b.appliesTo] || (a.targetName ?? "").localeCompare(b.targetName ?? ""),
        );
      return reply.render("supervision/policy/pages/policy/view.njk", {
        pageTitle: "Supervision policy",
        notification: takeNotice(request),
        manage: can(app, request, supervisionPermissions.manage),
        inForce: sorted(rules.filter((r) => r.state === "in_force")).map(view),
        future: sorted(rules.filter((r) => r.state === "future")).map(view),
        ended: rules.filter((r) => r.state === "ended").map(view),
        settings,
      });
    },
  );
}
