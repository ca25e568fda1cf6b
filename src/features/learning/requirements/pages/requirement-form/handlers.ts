import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { RuleError } from "../../../../../platform/forms/rule-error.js";
import { setNotice } from "../../../../../platform/http/notice.js";
import { contractTypes, fosterApprovalTypes, personKinds } from "../../../../people/reference/domain.js";
import { learningPermissions } from "../../../permissions.js";
import { type Tier, tierNames, tiers } from "../../../reference.js";
import type { RequirementsService, RequirementVersionRules } from "../../requirements.service.js";
import {
  carerApprovalTypeNames,
  checkboxItems,
  contractTypeName,
  isUuid,
  notFound,
  personKindNames,
  ruleErrorFor,
} from "../shared.js";
import {
  type NewRequirementForm,
  newRequirementForm,
  rulesFrom,
  type VersionForm,
  versionForm,
} from "./schema.js";

const permission = learningPermissions.manageRequirements;
type Params = { Params: { requirementId: string } };
type Existing = { id: string; title: string; latestFrom: string | null };

/**
 * `/learning/requirements/new` and `/learning/requirements/:requirementId/versions/new`: L&D set
 * a mandatory requirement's rules, and change them from a date (a new version).
 */
export async function requirementFormRoutes(
  app: FastifyInstance,
  opts: { requirements: RequirementsService },
) {
  const { requirements } = opts;

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    form: FormState,
    existing: Existing | null,
  ) {
    const ctx = request.tenantContext();
    const [courses, lookups] = await Promise.all([requirements.courseChoices(ctx), app.people.lookups(ctx)]);
    const v = form.values;
    const errors = form.errors;
    let offset = 0;
    const courseGroups = tiers.flatMap((tier: Tier) => {
      const inTier = courses
        .filter((c) => c.tier === tier)
        .map((c) => ({
          value: c.id,
          text: `${c.title} (${c.code})${c.status === "withdrawn" ? ", no longer offered" : ""}`,
        }));
      if (inTier.length === 0) return [];
      const items = checkboxItems("course_ids", inTier, v.course_ids, offset);
      const first = offset === 0;
      offset += inTier.length;
      const chosen = items.filter((i) => i.checked).length;
      return [{ label: tierNames[tier], items, chosen, open: chosen > 0 || (first && !!errors.course_ids) }];
    });
    const jobRoleItems = checkboxItems(
      "job_role_ids",
      lookups.jobRoles.map((r) => ({ value: r.id, text: r.name })),
      v.job_role_ids,
    );
    const unitItems = checkboxItems(
      "org_unit_ids",
      lookups.units.map((u) => ({ value: u.orgUnitId, text: u.name, depth: u.depth })),
      v.org_unit_ids,
    );
    const simple = (options: { value: string; text: string }[], chosen: unknown) =>
      checkboxItems("x", options, chosen).map(({ id: _id, ...rest }) => rest);
    return reply
      .code(form.errorSummary?.length ? 400 : 200)
      .render("learning/requirements/pages/requirement-form/view.njk", {
        pageTitle: existing ? `New rules for ${existing.title}` : "Add a mandatory requirement",
        heading: existing ? "New rules from a date" : "Add a mandatory requirement",
        caption: existing?.title,
        isNew: existing === null,
        latestFrom: existing?.latestFrom ?? null,
        backHref: existing ? `/learning/requirements/${existing.id}` : "/learning/requirements",
        courseGroups,
        jobRoleItems,
        jobRolesChosen: jobRoleItems.filter((i) => i.checked).length,
        unitItems,
        unitsChosen: unitItems.filter((i) => i.checked).length,
        personKindItems: simple(
          personKinds.map((k) => ({ value: k, text: personKindNames[k] ?? k })),
          v.person_kinds,
        ),
        careerLevelItems: simple(
          lookups.careerLevels.map((c) => ({ value: c.code, text: c.name })),
          v.career_levels,
        ),
        contractTypeItems: simple(
          contractTypes.map((c) => ({ value: c, text: contractTypeName(c) })),
          v.contract_types,
        ),
        carerApprovalItems: simple(
          fosterApprovalTypes.map((t) => ({ value: t, text: carerApprovalTypeNames[t] ?? t })),
          v.carer_approval_types,
        ),
        values: v,
        errors,
        errorSummary: form.errorSummary ?? [],
      });
  }

  async function save(request: FastifyRequest, reply: FastifyReply, existing: Existing | null) {
    const result = request.formResult as FormResult<NewRequirementForm | VersionForm>;
    if (!result.ok) return render(request, reply, result, existing);
    const f = result.data;
    const ctx = request.tenantContext();
    try {
      if (existing) {
        await requirements.addVersion(ctx, existing.id, {
          title: f.title,
          description: f.description,
          rules: rulesFrom(f),
        });
        setNotice(request, "New rules saved");
        return reply.redirect(`/learning/requirements/${existing.id}`, 303);
      }
      const id = await requirements.create(ctx, {
        code: (f as NewRequirementForm).code,
        title: f.title,
        description: f.description,
        rules: rulesFrom(f),
      });
      setNotice(request, "Requirement added");
      return reply.redirect(`/learning/requirements/${id}`, 303);
    } catch (err) {
      if (!(err instanceof RuleError)) throw err;
      if (err.field === "requirement") return notFound(reply);
      return render(request, reply, ruleErrorFor(err, request.body), existing);
    }
  }

  app.get("/learning/requirements/new", { config: { permission } }, (request, reply) =>
    render(request, reply, { values: { grace_days: "0", due_soon_days: "30" }, errors: {} }, null),
  );
  app.post(
    "/learning/requirements/new",
    { config: { permission, form: newRequirementForm } },
    (request, reply) => save(request, reply, null),
  );

  async function load(request: FastifyRequest<Params>) {
    const { requirementId } = request.params;
    if (!isUuid(requirementId)) return null;
    return requirements.get(request.tenantContext(), requirementId);
  }
  const existingOf = (found: NonNullable<Awaited<ReturnType<typeof load>>>): Existing => ({
    id: found.requirement.id,
    title: found.requirement.title,
    latestFrom: found.history[0]?.version.validFrom ?? null,
  });

  app.get<Params>(
    "/learning/requirements/:requirementId/versions/new",
    { config: { permission } },
    async (request, reply) => {
      const found = await load(request);
      if (!found) return notFound(reply);
      const values = {
        title: found.requirement.title,
        description: found.requirement.description ?? "",
        ...(found.version ? versionValues(found.version) : { grace_days: "0", due_soon_days: "30" }),
      };
      return render(request, reply, { values, errors: {} }, existingOf(found));
    },
  );
  app.post<Params>(
    "/learning/requirements/:requirementId/versions/new",
    { config: { permission, form: versionForm } },
    async (request, reply) => {
      const found = await load(request);
      if (!found) return notFound(reply);
      return save(request, reply, existingOf(found));
    },
  );
}

/** A version's rules as the form shows them (the start date left for the user). */
function versionValues(v: RequirementVersionRules): Record<string, unknown> {
  return {
    course_ids: v.courseIds,
    person_kinds: v.personKinds,
    job_role_ids: v.jobRoleIds,
    career_levels: v.careerLevels,
    org_unit_ids: v.orgUnitIds,
    contract_types: v.contractTypes,
    carer_approval_types: v.carerApprovalTypes,
    due_within_days: String(v.dueWithinDays),
    carers_from_approval: v.carersFromApproval ? "yes" : "",
    renew_every_months: v.renewEveryMonths === null ? "" : String(v.renewEveryMonths),
    grace_days: String(v.graceDays),
    due_soon_days: String(v.dueSoonDays),
  };
}
