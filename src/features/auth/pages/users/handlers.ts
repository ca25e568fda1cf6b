import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodType } from "zod";
import { exportFormat, sendExport } from "../../../../platform/exports/exports.js";
import type { FormResult, FormState } from "../../../../platform/forms/form.js";
import { RuleError, ruleErrorView } from "../../../../platform/forms/rule-error.js";
import { setNotice, takeNotice } from "../../../../platform/http/notice.js";
import { isUuid } from "../../../../platform/http/request-helpers.js";
import type { AuthService } from "../../auth.service.js";
import type { UsersService } from "../../users.service.js";
import {
  addRoleForm,
  type NewUserForm,
  newUserForm,
  passwordLinkForm,
  removeRoleForm,
  statusForm,
} from "./schemas.js";

export const usersPermission = "users.manage";
const permission = usersPermission;
const PAGE_SIZE = 50;
type Params = { Params: { userId: string } };

/** `/admin/users`: accounts and their roles, for system administrators. */
export async function usersRoutes(
  app: FastifyInstance,
  opts: { users: UsersService; auth: AuthService },
): Promise<void> {
  const { users, auth } = opts;
  const roleNames = new Map(app.platform.policy.roles().map((r) => [r.role, r.name]));
  const roleItems = (chosen: unknown) => [
    { value: "", text: "Select a role" },
    ...app.platform.policy
      .roles()
      .map((r) => ({ value: r.role, text: r.name, ...(r.role === chosen ? { selected: true } : {}) })),
  ];
  const unitsFor = async (request: FastifyRequest) => {
    const { units } = await app.people.choices(request.tenantContext(), app.people.today());
    return units;
  };
  const unitItems = (units: Awaited<ReturnType<typeof unitsFor>>, chosen: unknown) => [
    { value: "council", text: "The whole council" },
    ...units.map((u) => ({
      value: u.orgUnitId,
      text: `${"\u00a0\u00a0".repeat(u.depth)}${u.name}`,
      ...(u.orgUnitId === chosen ? { selected: true } : {}),
    })),
  ];
  const describeRole = (units: Map<string, string>, r: { role: string; unitId: string | null }) => {
    const name = roleNames.get(r.role) ?? r.role;
    return r.unitId ? `${name}: ${units.get(r.unitId) ?? "a unit no longer in the organisation"}` : name;
  };
  const baseUrl = (request: FastifyRequest) => `${request.protocol}://${request.host}`;
  const notFound = (reply: FastifyReply) => reply.code(404).render("errors/404.njk");

  app.get("/admin/users", { config: { permission } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const q = typeof query.q === "string" ? query.q.trim().slice(0, 200) : "";
    const pageNumber = Math.max(1, Math.min(100_000, Number(query.page) || 1));
    const ctx = request.tenantContext();
    const unitNames = new Map((await unitsFor(request)).map((u) => [u.orgUnitId, u.name]));
    const format = exportFormat(query.format);
    if (format) {
      const { rows } = await users.list(ctx, q || undefined, 1, 100_000);
      return sendExport(
        reply,
        format,
        "users",
        [
          { header: "Name", value: (u: (typeof rows)[number]) => u.displayName },
          { header: "Email", value: (u) => u.email },
          { header: "Roles", value: (u) => u.roles.map((r) => describeRole(unitNames, r)).join("; ") },
          { header: "Status", value: (u) => u.status },
          { header: "Last signed in", value: (u) => u.lastSignedInAt?.toISOString() ?? null },
        ],
        rows,
      );
    }
    const result = await users.list(ctx, q || undefined, pageNumber, PAGE_SIZE);
    const href = (extra: Record<string, string>) =>
      `/admin/users?${new URLSearchParams({ ...(q ? { q } : {}), ...extra }).toString()}`;
    return reply.render("auth/pages/users/list.njk", {
      pageTitle: result.page > 1 ? `Users (page ${result.page} of ${result.pageCount})` : "Users",
      notification: takeNotice(request),
      q,
      total: result.total,
      rows: result.rows.map((u) => ({
        ...u,
        href: `/admin/users/${u.id}`,
        roles: u.roles.map((r) => describeRole(unitNames, r)),
      })),
      previous: result.page > 1 ? href({ page: String(result.page - 1) }) : null,
      next: result.page < result.pageCount ? href({ page: String(result.page + 1) }) : null,
      csvHref: href({ format: "csv" }),
      xlsxHref: href({ format: "xlsx" }),
    });
  });

  async function renderNew(request: FastifyRequest, reply: FastifyReply, form: FormState) {
    const units = await unitsFor(request);
    return reply.code(form.errorSummary?.length ? 400 : 200).render("auth/pages/users/new.njk", {
      pageTitle: "Add a user",
      roleItems: roleItems(form.values.role),
      unitItems: unitItems(units, form.values.unit_id),
      values: form.values,
      errors: form.errors,
      errorSummary: form.errorSummary ?? [],
    });
  }

  app.get("/admin/users/new", { config: { permission } }, (request, reply) =>
    renderNew(request, reply, { values: { send_link: "yes" }, errors: {} }),
  );

  app.post("/admin/users/new", { config: { permission, form: newUserForm } }, async (request, reply) => {
    const result = request.formResult as FormResult<NewUserForm>;
    if (!result.ok) return renderNew(request, reply, result);
    const f = result.data;
    const values = request.body as Record<string, unknown>;
    try {
      const userId = await users.create(request.tenantContext(), {
        email: f.email,
        displayName: f.display_name,
        personReference: f.person_reference,
        role: f.role,
        unitId: f.unit_id,
      });
      if (f.send_link) await auth.sendSetPasswordLink(request.tenant.id, userId, baseUrl(request));
      setNotice(
        request,
        f.send_link ? `Account added. A link to set a password is on its way to ${f.email}` : "Account added",
      );
      return reply.redirect(`/admin/users/${userId}`, 303);
    } catch (err) {
      if (err instanceof RuleError) return renderNew(request, reply, { values, ...ruleErrorView(err) });
      throw err;
    }
  });

  async function renderUser(request: FastifyRequest<Params>, reply: FastifyReply, form: FormState) {
    const found = await users.detail(request.tenantContext(), request.params.userId);
    if (!found) return notFound(reply);
    const units = await unitsFor(request);
    const unitNames = new Map(units.map((u) => [u.orgUnitId, u.name]));
    const { user } = found;
    const path = `/admin/users/${user.id}`;
    return reply.code(form.errorSummary?.length ? 400 : 200).render("auth/pages/users/user.njk", {
      pageTitle: user.display_name,
      notification: takeNotice(request),
      user: {
        name: user.display_name,
        email: user.email,
        status: user.status,
        lastSignedInAt: user.last_signed_in_at,
        person: found.person
          ? {
              name: `${found.person.givenName} ${found.person.familyName}`,
              href: `/people/${found.person.id}`,
            }
          : null,
        self: user.id === request.principal?.userId,
      },
      roles: found.roles.map((r) => ({ id: r.id, text: describeRole(unitNames, r) })),
      paths: {
        addRole: `${path}/roles`,
        removeRole: `${path}/roles/remove`,
        status: `${path}/status`,
        passwordLink: `${path}/password-link`,
      },
      roleItems: roleItems(form.values.role),
      unitItems: unitItems(units, form.values.unit_id),
      values: form.values,
      errors: form.errors,
      errorSummary: form.errorSummary ?? [],
    });
  }

  app.get<Params>("/admin/users/:userId", { config: { permission } }, (request, reply) =>
    isUuid(request.params.userId) ? renderUser(request, reply, { values: {}, errors: {} }) : notFound(reply),
  );

  /** A change to one user: the form's errors on their page, else the change, their sessions ended. */
  function change<T>(
    path: string,
    schema: ZodType<T>,
    apply: (request: FastifyRequest<Params>, data: T) => Promise<string>,
  ) {
    app.post<Params>(
      `/admin/users/:userId${path}`,
      { config: { permission, form: schema } },
      async (request, reply) => {
        const { userId } = request.params;
        if (!isUuid(userId) || !(await users.detail(request.tenantContext(), userId))) return notFound(reply);
        const result = request.formResult as FormResult<T>;
        if (!result.ok) return renderUser(request, reply, result);
        try {
          const notice = await apply(request, result.data);
          await app.platform.sessionStore.endSessionsOf(request.tenant.id, userId);
          setNotice(request, notice);
          return reply.redirect(`/admin/users/${userId}`, 303);
        } catch (err) {
          if (err instanceof RuleError) {
            return renderUser(request, reply, {
              values: request.body as Record<string, unknown>,
              ...ruleErrorView(err),
            });
          }
          throw err;
        }
      },
    );
  }

  const actingUser = (request: FastifyRequest) => request.principal?.userId ?? "";
  change("/roles", addRoleForm, async (request, f) => {
    await users.addRole(request.tenantContext(), request.params.userId, f.role, f.unit_id);
    return `Role added: ${roleNames.get(f.role) ?? f.role}`;
  });
  change("/roles/remove", removeRoleForm, async (request, f) => {
    await users.removeRole(request.tenantContext(), request.params.userId, f.role_id, actingUser(request));
    return "Role removed";
  });
  change("/status", statusForm, async (request, f) => {
    await users.setStatus(request.tenantContext(), request.params.userId, f.status, actingUser(request));
    return f.status === "disabled" ? "Account disabled: they cannot sign in" : "Account enabled";
  });
  change("/password-link", passwordLinkForm, async (request) => {
    await auth.sendSetPasswordLink(request.tenant.id, request.params.userId, baseUrl(request));
    return "A link to set a password is on its way";
  });
}
