import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormResult } from "../../../../../platform/forms/form.js";
import { RuleError } from "../../../../../platform/forms/rule-error.js";
import { formatDate } from "../../../../../platform/views/render.js";
import { peoplePermissions } from "../../../permissions.js";
import { type ContractType, contractTypeNames } from "../../../reference/domain.js";
import type { FeedsService } from "../../feeds.service.js";
import { feedFields } from "../../mapping.js";
import { isUuid } from "../forms.js";
import { feedsHome, setNotice } from "../shared.js";
import { type MatchFormData, matchForm } from "./schema.js";

type Params = { runId: string; rowNumber: string };
type Req = FastifyRequest<{ Params: Params; Querystring: { q?: string } }>;

/** The row a URL names, or null when it names none. */
function rowOf(params: Params): { runId: string; rowNumber: number } | null {
  const rowNumber = Number(params.rowNumber);
  return isUuid(params.runId) && Number.isInteger(rowNumber) && rowNumber > 0 && rowNumber < 2 ** 31
    ? { runId: params.runId, rowNumber }
    : null;
}

/** `/people/feeds/match-queue/:runId/:rowNumber`: say who an unmatched row is, or add them as a new person. */
export async function matchQueueRowRoutes(
  app: FastifyInstance,
  opts: { service: FeedsService },
): Promise<void> {
  const { service } = opts;
  const permission = peoplePermissions.manageFeeds;

  async function render(request: Req, reply: FastifyReply, error: string | null, selected: string | null) {
    const at = rowOf(request.params);
    if (!at) return reply.code(404).render("errors/404.njk");
    const q = typeof request.query.q === "string" ? request.query.q.slice(0, 100) : "";
    const view = await service.matchItem(request.tenantContext(), at.runId, at.rowNumber, q);
    if (!view) return reply.code(404).render("errors/404.njk");
    const { item, data, candidates } = view;
    const name = [data.given_name, data.family_name].filter(Boolean).join(" ");
    const rows = feedFields
      .filter((f) => f.key in data && data[f.key] !== null && data[f.key] !== "")
      .map((f) => ({
        key: { text: f.label },
        value: {
          text:
            f.key === "started_on"
              ? formatDate(data[f.key], false)
              : f.key === "contract_type"
                ? (contractTypeNames[data[f.key] as ContractType] ?? String(data[f.key]))
                : String(data[f.key]),
        },
      }));
    const free = candidates.filter((c) => c.hr_id === null);
    const linked = candidates
      .filter((c) => c.hr_id !== null)
      .map((c) => `${c.given_name} ${c.family_name} (employee ID ${c.hr_id})`);
    const items = [
      ...free.map((c) => ({
        value: c.id,
        text: `${c.given_name} ${c.family_name}`,
        hint: {
          text:
            [
              c.employee_number ? `Employee number ${c.employee_number}` : null,
              c.swe_number ? `SWE number ${c.swe_number}` : null,
              c.email,
            ]
              .filter(Boolean)
              .join(", ") || "No employee number",
        },
        checked: selected === c.id,
      })),
      ...(free.length ? [{ divider: "or" }] : []),
      { value: "new", text: "A new person: add them", checked: selected === "new" },
    ];
    return reply.code(error ? 400 : 200).render("people/feeds/pages/match-queue-row/view.njk", {
      pageTitle: `Who is ${name}?`,
      name,
      externalId: item.external_id,
      resolved: item.resolution !== null,
      rows,
      items,
      q,
      hasCandidates: free.length > 0,
      linked,
      fileHref: `${feedsHome}/runs/${item.run_id}`,
      file: item.filename,
      rowNumber: item.row_number,
      errors: error ? { decision: error } : {},
      errorSummary: error ? [{ text: error, href: "#decision" }] : [],
    });
  }

  app.get<{ Params: Params; Querystring: { q?: string } }>(
    `${feedsHome}/match-queue/:runId/:rowNumber`,
    { config: { permission, councilWide: true } },
    (request, reply) => render(request, reply, null, null),
  );

  app.post<{ Params: Params; Querystring: { q?: string } }>(
    `${feedsHome}/match-queue/:runId/:rowNumber`,
    { config: { permission, councilWide: true, form: matchForm } },
    async (request, reply) => {
      const at = rowOf(request.params);
      if (!at) return reply.code(404).render("errors/404.njk");
      const result = request.formResult as FormResult<MatchFormData>;
      if (!result.ok) return render(request, reply, result.errors.decision ?? "Select who this is", null);
      const decision = result.data.decision === "new" ? "create" : { personId: result.data.decision };
      try {
        await service.decideMatch(request.tenantContext(), at.runId, at.rowNumber, decision);
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        return render(request, reply, err.message, result.data.decision);
      }
      setNotice(
        request,
        decision === "create"
          ? "New person added from the HR file"
          : "Matched: later files will find them by their employee ID",
      );
      return reply.redirect(`${feedsHome}/match-queue`, 303);
    },
  );
}
