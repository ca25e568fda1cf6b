import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { IsoDate } from "../../../../platform/dates.js";
import { exportFormat, sendExport } from "../../../../platform/exports/exports.js";
import type { PeopleQuery } from "../../people.service.js";
import { peoplePermissions } from "../../permissions.js";
import { type ContractType, contractTypes } from "../../reference/domain.js";
import {
  can,
  contractTypeItems,
  contractTypeName,
  formatFte,
  isUuid,
  paginationItems,
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
    unit: isUuid(queryText(query, "unit")) ? queryText(query, "unit") : "",
    role: isUuid(queryText(query, "role")) ? queryText(query, "role") : "",
    contract: (contractTypes as readonly string[]).includes(contract) ? contract : "",
    status: status === "left" || status === "all" ? status : "current",
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

function serviceQuery(f: Filters, asAt: IsoDate): PeopleQuery {
  return {
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
    const filters = readFilters(query);
    if (asAt.fromParts && asAt.errorSummary.length === 0) {
      return reply.redirect(`/people${queryString(filterParams(filters, asAt.param))}`);
    }
    const ctx = request.tenantContext();
    const format = exportFormat(query.format);
    if (format) return exportPeople(app, request, reply, format, serviceQuery(filters, asAt.asAt));

    const [list, lookups] = await Promise.all([
      app.people.listPeople(ctx, {
        ...serviceQuery(filters, asAt.asAt),
        page: filters.page,
        pageSize: PAGE_SIZE,
      }),
      app.people.choices(ctx, asAt.asAt),
    ]);
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
      unitSelectHtml: unitSelect(app, lookups, filters.unit),
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
      exportBase: `/people${queryString(params)}${queryString(params) ? "&" : "?"}`,
      addHref: can(app, request, peoplePermissions.edit) ? "/people/new" : null,
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

/** Rendered team filters by list of teams (the service's cached object) and chosen team. */
const renderedUnitSelects = new WeakMap<object, Map<string, string>>();

function unitSelect(
  app: FastifyInstance,
  lookups: Awaited<ReturnType<FastifyInstance["people"]["choices"]>>,
  chosen: string | undefined,
): string {
  const forList = renderedUnitSelects.get(lookups) ?? new Map<string, string>();
  renderedUnitSelects.set(lookups, forList);
  const key = chosen ?? "";
  let html = forList.get(key);
  if (html === undefined) {
    html = app.views.render("people/pages/people/unit-select.njk", {
      unitItems: selectItems(unitOptions(lookups.units), chosen, "All teams"),
    });
    if (forList.size < 1000) forList.set(key, html);
  }
  return html;
}
