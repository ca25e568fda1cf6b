import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormResult, FormState } from "../../../../platform/forms/form.js";
import { RuleError, ruleErrorView } from "../../../../platform/forms/rule-error.js";
import { setNotice, takeNotice } from "../../../../platform/http/notice.js";
import { groupTitles, measureDefinitions, measureKeys } from "../../library/definitions.js";
import { performancePermissions } from "../../permissions.js";
import { type OwnersFormData, ownersForm } from "../schema.js";
import type { TargetsService } from "../targets.service.js";

const config = { permission: performancePermissions.manage, councilWide: true };

/**
 * `/performance/owners`: who owns each measure (writes its commentary for the board), chosen
 * from the people with an account; for those who manage performance for the whole council.
 */
export async function ownersRoutes(app: FastifyInstance, opts: { targets: TargetsService }) {
  const { targets } = opts;

  async function render(request: FastifyRequest, reply: FastifyReply, state: FormState | null) {
    const { owners, candidates } = await targets.owners(request.tenantContext());
    const held = new Map(owners.map((o) => [o.measureKey, o.personId]));
    const values = state?.values ?? {};
    return reply
      .code(state?.errorSummary?.length ? 400 : 200)
      .render("performance/targets/pages/owners.njk", {
        pageTitle: "Measure owners",
        errors: state?.errors ?? {},
        errorSummary: state?.errorSummary ?? [],
        rows: measureKeys.map((key, i) => {
          const chosen =
            typeof values[`owner_${key}`] === "string" ? values[`owner_${key}`] : (held.get(key) ?? "");
          return {
            key,
            title: measureDefinitions[key].title,
            group: groupTitles[measureDefinitions[key].group],
            groupStarts:
              i === 0 ||
              measureDefinitions[measureKeys[i - 1] ?? key].group !== measureDefinitions[key].group,
            items: [
              { value: "", text: "No owner" },
              ...candidates.map((c) => ({
                value: c.personId,
                text: c.name,
                selected: c.personId === chosen,
              })),
            ],
          };
        }),
        notification: takeNotice(request),
      });
  }

  app.get("/performance/owners", { config }, (request, reply) => render(request, reply, null));

  app.post("/performance/owners", { config: { ...config, form: ownersForm } }, async (request, reply) => {
    const result = request.formResult as FormResult<OwnersFormData>;
    const values = { ...((request.body as Record<string, unknown>) ?? {}) };
    if (!result.ok)
      return render(request, reply, { values, errors: result.errors, errorSummary: result.errorSummary });
    try {
      const changed = await targets.setOwners(request.tenantContext(), result.data);
      setNotice(request, changed === 0 ? "No changes to measure owners" : "Measure owners saved");
      return reply.redirect("/performance/owners", 303);
    } catch (err) {
      if (!(err instanceof RuleError)) throw err;
      return render(request, reply, { values, ...ruleErrorView(err) });
    }
  });
}
