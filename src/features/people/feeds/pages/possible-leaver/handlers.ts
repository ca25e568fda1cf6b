import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { RuleError } from "../../../../../platform/forms/rule-error.js";
import { formatDate } from "../../../../../platform/views/render.js";
import { dateInputValues } from "../../../pages/date-input.js";
import { peoplePermissions } from "../../../permissions.js";
import { leavingReasons } from "../../../reference/dfe-codes.js";
import type { FeedsService } from "../../feeds.service.js";
import { isUuid } from "../forms.js";
import { feedsHome, setNotice } from "../shared.js";
import { type PossibleLeaverFormData, possibleLeaverForm } from "./schema.js";

type Req = FastifyRequest<{ Params: { id: string } }>;

/** `/people/feeds/possible-leavers/:id`: confirm that someone missing from a full extract has left, or dismiss. */
export async function possibleLeaverRoutes(
  app: FastifyInstance,
  opts: { service: FeedsService },
): Promise<void> {
  const { service } = opts;
  const permission = peoplePermissions.manageFeeds;

  async function render(request: Req, reply: FastifyReply, form: FormState | null) {
    const { id } = request.params;
    if (!isUuid(id)) return reply.code(404).render("errors/404.njk");
    const item = await service.possibleLeaver(request.tenantContext(), id);
    if (item?.status !== "open") return reply.code(404).render("errors/404.njk");
    const name = `${item.given_name} ${item.family_name}`;
    const values = form?.values ?? {
      ...dateInputValues("left_on", service.suggestedLeavingDate(item.flagged_on)),
      reason_code: "10",
    };
    return reply
      .code(form?.errorSummary?.length ? 400 : 200)
      .render("people/feeds/pages/possible-leaver/view.njk", {
        pageTitle: `Has ${name} left?`,
        name,
        personHref: `/people/${item.person_id}`,
        externalId: item.external_id,
        flagged: formatDate(item.flagged_on, false),
        values,
        reasonItems: Object.entries(leavingReasons).map(([value, text]) => ({
          value,
          text,
          selected: String(values.reason_code ?? "") === value,
        })),
        errors: form?.errors ?? {},
        errorSummary: form?.errorSummary ?? [],
      });
  }

  app.get<{ Params: { id: string } }>(
    `${feedsHome}/possible-leavers/:id`,
    { config: { permission, councilWide: true } },
    (request, reply) => render(request, reply, null),
  );

  app.post<{ Params: { id: string } }>(
    `${feedsHome}/possible-leavers/:id`,
    { config: { permission, councilWide: true, form: possibleLeaverForm } },
    async (request, reply) => {
      const { id } = request.params;
      if (!isUuid(id)) return reply.code(404).render("errors/404.njk");
      const result = request.formResult as FormResult<PossibleLeaverFormData>;
      if (!result.ok) return render(request, reply, result);
      const f = result.data;
      try {
        if (f.decision === "confirm" && f.left_on) {
          await service.confirmLeaver(request.tenantContext(), id, {
            left_on: f.left_on,
            reason_code: f.reason_code,
          });
          setNotice(request, `Leaving recorded: the last day is ${formatDate(f.left_on, false)}`);
        } else {
          await service.dismissLeaver(request.tenantContext(), id);
          setNotice(request, "Dismissed: they stay as they are");
        }
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        const field = err.field === "left_on" ? "left_on-day" : "decision";
        return render(request, reply, {
          values: request.body as Record<string, unknown>,
          errors: { [field]: err.message },
          errorSummary: [{ text: err.message, href: `#${field}` }],
        });
      }
      return reply.redirect(`${feedsHome}/possible-leavers`, 303);
    },
  );
}
