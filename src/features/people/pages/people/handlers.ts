import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AccessScope } from "../../../../platform/auth/principal.js";
import type { IsoDate } from "../../../../platform/dates.js";
import { exportFormat, sendExport } from "../../../../platform/exports/exports.js";
import { paginationItems } from "../../../../platform/http/pagination.js";
import type { PeopleQuery } from "../../people.service.js";
import { peoplePermissions } from "../../permissions.js";
import { type ContractType, contractTypes } from "../../reference/domain.js";
import {
  can,
  contractTypeItems,
  contractTypeName,
  formatFte,
  isUuid,
  type Query,
  queryString,
  queryText,
  readAsAt,
  selectItems,
  takeNotice,
  unitOptions,
} from "../shared.js";

export const PAGE_SIZE = 50;
const EXPORT_BATCH = 1000;

type Status = "current" | "left" | "all";
type ListRow = Awaited<ReturnType<FastifyInstance["people"]["listPeople"]>>["rows"][number];

interface Filters {
  q: string;
  /** The group of teams (directorate, service or area) whose teams the Team filter lists. */
  service: string;
  unit: string;
  role: string;
  contract: string;
  status: Status;
  page: number;
}

/** The filters from the query string; anything not understood is dropped rather than refused. */
function readFilters(query: Query): Filters {
  const status = queryText(query, "status");
  const page = Number(queryText(query, "page"));
  const contract = queryText(query, "contract");
  return {
    q: queryText(query, "q").slice(0, 200),
    service: isUuid(queryText(query, "service")) ? queryText(query, "service") : "",
    unit: isUuid(queryText(query, "unit")) ? queryText(query, "unit") : "",
    role: isUuid(queryText(query, "role")) ? queryText(query, "role") : "",
    contract: (contractTypes as readonly string[]).includes(contract) ? contract : "",
    status: status === "left" || status === "all" ? status : "current",
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

function serviceQuery(f: Filters, asAt: IsoDate, scope: AccessScope): PeopleQuery {
  return {
    scope,
    asAt,
    q: f.q || undefined,
    unitId: f.unit || undefined,
    jobRoleId: f.role || undefined,
    contractType: (f.contract || undefined) as ContractType | undefined,
    status: f.status,
  };
}

/** The filters as query values (status "current", the default, left out). */
function filterParams(f: Filters, asAtParam: string) {
  return {
    q: f.q,
    unit: f.unit,
    role: f.role,
    contract: f.contract,
    status: f.status === "current" ? "" : f.status,
    asAt: asAtParam,
  };
}

/** `/people`: find people, a GOV.UK finder with filters, 50 a page, as at a date, with exports. */
export async function peopleListRoutes(app: FastifyInstance): Promise<void> {
  app.get("/people", { config: { permission: peoplePermissions.view } }, async (request, reply) => {
    const query = request.query as Query;
    const asAt = readAsAt(query, app.people.today());
    let filters = readFilters(query);
    const ctx = request.tenantContext();
    const shown = queryText(query, "shown");
    if (filters.service || shown) {
      // The form's two unit selects come back as one unit, the address pagination and links use.
      const lookups = await app.people.choices(ctx, asAt.asAt);
      filters = { ...filters, unit: chooseUnits(lookups.units, filters.service, filters.unit, shown).unit };
    }
    if ((asAt.fromParts || filters.service || shown) && asAt.errorSummary.length === 0) {
      return reply.redirect(`/people${queryString(filterParams(filters, asAt.param))}`);
    }
    const format = exportFormat(query.format);
    if (format)
      return exportPeople(app, request, reply, format, serviceQuery(filters, asAt.asAt, request.scope()));

    const { list, choices: lookups } = await app.people.findPeople(ctx, {
      ...serviceQuery(filters, asAt.asAt, request.scope()),
      page: filters.page,
      pageSize: PAGE_SIZE,
    });
    const params = filterParams(filters, asAt.param);
    const pageHref = (n: number) => `/people${queryString({ ...params, page: n === 1 ? "" : n })}`;
    const first = (list.page - 1) * list.pageSize + 1;
    const last = Math.min(list.total, list.page * list.pageSize);
    const filtered = Boolean(
      filters.q || filters.unit || filters.role || filters.contract || filters.status !== "current",
    );
    return reply.code(asAt.errorSummary.length ? 400 : 200).render("people/pages/people/view.njk", {
      pageTitle: list.page > 1 ? `People (page ${list.page} of ${list.pageCount})` : "People",
      asAt: asAt.asAt,
      asAtView: asAt,
      errorSummary: asAt.errorSummary,
      notification: takeNotice(request),
      filters,
      filtered,
      total: list.total,
      range: list.total > 0 && list.rows.length > 0 ? { first, last } : null,
      rows: list.rows.map((r) => ({
        href: `/people/${r.id}`,
        name: `${r.givenName} ${r.familyName}`,
        email: r.email,
        sweNumber: r.sweNumber,
        unitName: r.unitName,
        unitHref: r.unitId ? `/organisation/units/${r.unitId}${queryString({ asAt: asAt.param })}` : null,
        jobRole: r.jobRole,
        contractType: contractTypeName(r.contractType),
        fte: formatFte(r.fte),
        leftOn: r.leftOn && r.leftOn <= asAt.asAt ? r.leftOn : null,
        leaving: r.leftOn && r.leftOn > asAt.asAt ? r.leftOn : null,
      })),
      firstPageHref: pageHref(1),
      pagination: list.pageCount > 1 ? paginationItems(list.page, list.pageCount, pageHref) : null,
      filterFormHtml: filterForm(app, lookups, filters, asAt, filtered),
      exportBase: `/people${queryString(params)}${queryString(params) ? "&" : "?"}`,
      addHref: can(app, request, peoplePermissions.edit) ? "/people/new" : null,
      equalityHref: can(app, request, peoplePermissions.reportEquality) ? "/people/equality" : null,
    });
  });
}

function exportPeople(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  format: "csv" | "xlsx",
  query: PeopleQuery,
) {
  const ctx = request.tenantContext();
  const asAt = query.asAt ?? app.people.today();
  async function* rows(): AsyncGenerator<ListRow> {
    for (let page = 1; ; page += 1) {
      const list = await app.people.listPeople(ctx, { ...query, page, pageSize: EXPORT_BATCH });
      yield* list.rows;
      if (page >= list.pageCount) return;
    }
  }
  return sendExport(
    reply,
    format,
    `people-${asAt}`,
    [
      { header: "Given name", value: (r: ListRow) => r.givenName },
      { header: "Family name", value: (r) => r.familyName },
      { header: "Email", value: (r) => r.email },
      { header: "Social Work England number", value: (r) => r.sweNumber },
      { header: "Team", value: (r) => r.unitName },
      { header: "Role", value: (r) => r.jobRole },
      { header: "Contract type", value: (r) => contractTypeName(r.contractType) },
      { header: "FTE", value: (r) => (r.fte === null ? null : Number(r.fte)) },
      { header: "Left on", value: (r) => r.leftOn },
    ],
    rows(),
  );
}

type Units = Awaited<ReturnType<FastifyInstance["people"]["choices"]>>["units"];

interface UnitFilter {
  /** The unit people are filtered by (and everything below it), or "" for everyone. */
  unit: string;
  /** The unit shown in the Service select, whose teams the Team select lists. */
  group: string;
}

/**
 * A large council has hundreds of teams, too many for one select: the Service select lists the
 * groups of teams, and the Team select the units directly under the chosen one. Both
 * come back with the form (and which service the Team select was listing); choosing another
 * service starts its teams afresh.
 */
export function chooseUnits(units: Units, service: string, unit: string, shown = ""): UnitFilter {
  const byId = new Map(units.map((u) => [u.orgUnitId, u]));
  const groupOf = (id: string): string => {
    const u = byId.get(id);
    if (!u) return "";
    if (isGroup(u)) return id;
    return u.parentId && byId.has(u.parentId) ? u.parentId : "";
  };
  const within = (id: string, ancestor: string): boolean => {
    for (let u = byId.get(id); u; u = u.parentId ? byId.get(u.parentId) : undefined) {
      if (u.orgUnitId === ancestor) return true;
    }
    return false;
  };
  if (service && byId.has(service)) {
    // A team counts only if the Team select listed that service's teams when the form was sent.
    const chosen = unit && shown === service && within(unit, service) ? unit : service;
    return { unit: chosen, group: groupOf(chosen) };
  }
  // "All services" chosen while a service's teams were listed: no unit.
  if (shown) return { unit: "", group: "" };
  return { unit, group: unit ? groupOf(unit) : "" };
}

/** Directorates, services and areas, and any team with teams below it, go in the Service select. */
function isGroup(u: Units[number]): boolean {
  return u.hasChildren || (u.unitType !== "team" && u.unitType !== "home");
}

/** Rendered filter forms by list of units and job roles (the service's cached object) and choice. */
const renderedFilterForms = new WeakMap<object, Map<string, string>>();

/**
 * The filter form's HTML. It depends only on the filters, the date and the cached lists of units
 * and roles, and its govuk-frontend macros cost more than the rest of the page, so it is rendered
 * once per choice (up to 500 per list) rather than on every page of results.
 */
function filterForm(
  app: FastifyInstance,
  lookups: Awaited<ReturnType<FastifyInstance["people"]["choices"]>>,
  filters: Filters,
  asAt: ReturnType<typeof readAsAt>,
  filtered: boolean,
): string {
  const forLists = renderedFilterForms.get(lookups) ?? new Map<string, string>();
  renderedFilterForms.set(lookups, forLists);
  const asAtView = { param: asAt.param, values: asAt.values, errors: asAt.errors };
  const key = JSON.stringify([{ ...filters, page: 0 }, asAtView, filtered]);
  let html = forLists.get(key);
  if (html === undefined) {
    const chosen = chooseUnits(lookups.units, "", filters.unit);
    const group = lookups.units.find((u) => u.orgUnitId === chosen.group);
    const teams = group ? lookups.units.filter((u) => u.parentId === group.orgUnitId) : [];
    html = app.views.render("people/pages/people/filters.njk", {
      filters,
      filtered,
      asAtView,
      serviceItems: selectItems(unitOptions(lookups.units.filter(isGroup)), chosen.group, "All services"),
      group: group ? { id: group.orgUnitId, name: group.name } : null,
      teamItems: selectItems(
        teams.map((u) => ({ value: u.orgUnitId, text: u.name })),
        chosen.unit === chosen.group ? "" : chosen.unit,
        `All of ${group?.name ?? "the service"}`,
      ),
      roleItems: selectItems(
        lookups.jobRoles.map((r) => ({ value: r.id, text: r.name })),
        filters.role,
        "All roles",
      ),
      contractItems: selectItems(contractTypeItems, filters.contract, "All contract types"),
      statusItems: [
        { value: "current", text: "Working here on the date" },
        { value: "left", text: "Left by the date" },
        { value: "all", text: "Everyone" },
      ].map((i) => ({ ...i, ...(i.value === filters.status ? { checked: true } : {}) })),
    });
    if (forLists.size < 500) forLists.set(key, html);
  }
  return html;
}
