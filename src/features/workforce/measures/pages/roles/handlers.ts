import type { FastifyInstance, FastifyReply } from "fastify";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { setNotice, takeNotice } from "../../../../../platform/http/notice.js";
import { isUuid } from "../../../../../platform/http/request-helpers.js";
import { orgRoles } from "../../../../people/reference/dfe-codes.js";
import { workforcePermissions } from "../../../permissions.js";
import type { JobRoleRow } from "../../measures.repository.js";
import type { MeasuresService } from "../../measures.service.js";
import { type RoleMappingData, roleMappingForm } from "./schema.js";

const permission = workforcePermissions.manage;
const orgRoleName = (code: number | null): string =>
  code === null ? "Not mapped" : `${code} ${orgRoles[code as keyof typeof orgRoles] ?? ""}`.trim();

/**
 * `/workforce/measures/roles` and `/workforce/measures/roles/:jobRoleId`: each local job role's
 * DfE OrgRole and case-holder flag (the configuration the census and the measures read), and a
 * form to change them. Another council's role (or none) answers 404.
 */
export async function rolesRoutes(app: FastifyInstance, opts: { measures: MeasuresService }) {
  const { measures } = opts;

  app.get(
    "/workforce/measures/roles",
    { config: { permission, councilWide: true } },
    async (request, reply) => {
      const roles = await measures.jobRoles(request.tenantContext());
      return reply.render("workforce/measures/pages/roles/list.njk", {
        pageTitle: "Job roles and the DfE's roles",
        roles: roles.map((r) => ({
          ...r,
          orgRoleText: orgRoleName(r.dfeOrgRole),
          href: `/workforce/measures/roles/${r.id}`,
        })),
        notification: takeNotice(request),
      });
    },
  );

  function renderForm(reply: FastifyReply, role: JobRoleRow, state: FormState) {
    return reply
      .code(state.errorSummary?.length ? 400 : 200)
      .render("workforce/measures/pages/roles/edit.njk", {
        pageTitle: `Change the DfE mapping of ${role.name}`,
        role,
        orgRoleItems: [
          ...Object.entries(orgRoles).map(([code, name]) => ({
            value: code,
            text: `${code} ${name}`,
            checked: state.values.dfe_org_role === code,
          })),
          { divider: "or" },
          {
            value: "none",
            text: "Not mapped (not counted in the census)",
            checked: state.values.dfe_org_role === "none",
          },
        ],
        caseHolderItems: [
          { value: "yes", text: "Yes", checked: state.values.case_holder === "yes" },
          { value: "no", text: "No", checked: state.values.case_holder === "no" },
        ],
        errors: state.errors,
        errorSummary: state.errorSummary ?? [],
      });
  }

  app.get<{ Params: { jobRoleId: string } }>(
    "/workforce/measures/roles/:jobRoleId",
    { config: { permission, councilWide: true } },
    async (request, reply) => {
      const { jobRoleId } = request.params;
      const role = isUuid(jobRoleId) ? await measures.jobRole(request.tenantContext(), jobRoleId) : null;
      if (!role) return reply.code(404).render("errors/404.njk");
      return renderForm(reply, role, {
        values: {
          dfe_org_role: role.dfeOrgRole === null ? "none" : String(role.dfeOrgRole),
          case_holder: role.caseHolder ? "yes" : "no",
        },
        errors: {},
      });
    },
  );

  app.post<{ Params: { jobRoleId: string } }>(
    "/workforce/measures/roles/:jobRoleId",
    { config: { permission, councilWide: true, form: roleMappingForm } },
    async (request, reply) => {
      const { jobRoleId } = request.params;
      const ctx = request.tenantContext();
      const role = isUuid(jobRoleId) ? await measures.jobRole(ctx, jobRoleId) : null;
      if (!role) return reply.code(404).render("errors/404.njk");
      const result = request.formResult as FormResult<RoleMappingData>;
      if (!result.ok) {
        return renderForm(reply, role, {
          values: result.values,
          errors: result.errors,
          errorSummary: result.errorSummary,
        });
      }
      await measures.updateMapping(ctx, role.id, result.data);
      setNotice(request, `${role.name}: DfE mapping changed`);
      return reply.redirect("/workforce/measures/roles", 303);
    },
  );
}
