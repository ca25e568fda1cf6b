import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { type FormState, validateForm } from "../../../../../platform/forms/form.js";
import { setNotice } from "../../../../../platform/http/notice.js";
import { isUuid } from "../../../../../platform/http/request-helpers.js";
import {
  currentCensusYear,
  type PersonCensusDetails,
  personCensusDetails,
  savePersonCensusDetails,
} from "../../census.service.js";
import { type CensusPageOptions, handlerCheckedForm, notFound, permission } from "../shared.js";
import { censusDetailsForm } from "./schema.js";

type Codes = Record<string, string>;
const items = (codes: Codes | undefined, chosen: unknown, blank: string) => [
  { value: "", text: blank },
  ...Object.entries(codes ?? {}).map(([value, text]) => ({
    value,
    text,
    selected: String(chosen) === value,
  })),
];

function valuesOf(d: PersonCensusDetails): Record<string, unknown> {
  const yn = (b: boolean | null) => (b === null ? "" : b ? "1" : "0");
  return {
    qualification_institution: d.qualificationInstitution ?? "",
    qualification_level: d.qualificationLevel ?? "",
    step_up_grad: yn(d.stepUpGrad),
    frontline_grad: yn(d.frontlineGrad),
    start_origin: d.startOrigin ?? "",
    cfkss_status: d.cfkssStatus ?? "",
  };
}

/**
 * `/workforce/census/people/:personId`: what the census asks that no other record holds
 * (qualification institution and level, Step Up, Frontline, where they came from, CFKSS status),
 * kept by HR for people in their scope; the choices are the current census year's code lists.
 */
export async function personRoutes(app: FastifyInstance, opts: CensusPageOptions) {
  async function load(request: FastifyRequest<{ Params: { personId: string } }>) {
    const { personId } = request.params;
    if (!isUuid(personId)) return null;
    const ctx = request.tenantContext();
    if (!(await app.people.reaches(ctx, request.scope(permission), personId))) return null;
    const found = await personCensusDetails(app, ctx, personId);
    if (!found) return null;
    const year = currentCensusYear(opts.census.today());
    const choice = await opts.census.specFor(ctx, year);
    return {
      ...found,
      personId,
      lists: choice?.spec.schema.codeLists ?? {},
      specYear: choice?.specYear ?? null,
    };
  }

  function render(
    reply: FastifyReply,
    page: NonNullable<Awaited<ReturnType<typeof load>>>,
    state: FormState,
  ) {
    const v = state.values;
    return reply
      .code(state.errorSummary?.length ? 400 : 200)
      .render("workforce/census/pages/person/view.njk", {
        pageTitle: `Census details: ${page.name}`,
        page,
        values: v,
        errors: state.errors,
        errorSummary: state.errorSummary ?? [],
        levelItems: Object.entries(page.lists.QualLevel ?? {}).map(([value, text]) => ({
          value,
          text,
          checked: String(v.qualification_level) === value,
        })),
        originItems: items(page.lists.StartOrigin, v.start_origin, "Not recorded"),
        cfkssItems: items(page.lists.CFKSSstatus, v.cfkss_status, "None or not recorded"),
      });
  }

  const url = "/workforce/census/people/:personId";
  app.get<{ Params: { personId: string } }>(url, { config: { permission } }, async (request, reply) => {
    const page = await load(request);
    if (!page) return notFound(reply);
    return render(reply, page, { values: valuesOf(page.details), errors: {} });
  });

  app.post<{ Params: { personId: string } }>(
    url,
    { config: { permission, form: handlerCheckedForm } },
    async (request, reply) => {
      const page = await load(request);
      if (!page) return notFound(reply);
      const result = validateForm(censusDetailsForm(page.lists), request.body);
      if (!result.ok)
        return render(reply, page, {
          values: result.values,
          errors: result.errors,
          errorSummary: result.errorSummary,
        });
      await savePersonCensusDetails(app, request.tenantContext(), page.personId, result.data);
      setNotice(request, `Census details saved for ${page.name}`);
      return reply.redirect(url.replace(":personId", page.personId), 303);
    },
  );
}
