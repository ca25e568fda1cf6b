import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { validateForm } from "../../../../../platform/forms/form.js";
import { setNotice, takeNotice } from "../../../../../platform/http/notice.js";
import { DEFAULT_WORKING_DAYS } from "../../../measures/formulas.js";
import { workforcePermissions } from "../../../permissions.js";
import { ensurePublishedIndicators } from "../../indicators.js";
import {
  benchmarkSettings,
  localAuthorities,
  type Place,
  regions,
  saveBenchmarkSettings,
} from "../../places.js";
import { MAX_COMPARATORS, settingsForm, settingsShape } from "./schema.js";

const permission = workforcePermissions.manage;
const url = "/workforce/settings";

interface Values {
  la_code?: string;
  lea_number?: string;
  region_code?: string;
  comparator_codes?: string[];
  working_days_per_year?: string;
}

/** The authorities grouped by region, for the comparator checkboxes. */
function byRegion(las: Place[], regionList: Place[], chosen: string[]) {
  const names = new Map(regionList.map((r) => [r.code, r.name]));
  const groups = new Map<
    string,
    { name: string; items: { code: string; name: string; checked: boolean }[] }
  >();
  for (const la of las) {
    const key = la.regionCode ?? "";
    const group = groups.get(key) ?? { name: names.get(key) ?? "Other", items: [] };
    group.items.push({ code: la.code, name: la.name, checked: chosen.includes(la.code) });
    groups.set(key, group);
  }
  const sorted = [...groups.entries()]
    .map(([code, g]) => ({ code, ...g, open: g.items.some((i) => i.checked) }))
    .sort((a, b) => a.name.localeCompare(b.name, "en-GB"));
  // The first checkbox carries the field's id, so the error summary's link lands on it.
  let n = 0;
  return sorted.map((g) => ({
    ...g,
    items: g.items.map((i) => ({ ...i, id: n++ === 0 ? "comparator_codes" : `comparator_codes-${n}` })),
  }));
}

/**
 * `/workforce/settings`: who the authority is in the DfE's files (chosen by name from the loaded
 * authorities, which sets its codes and region; or, for an authority not in them, its LEA number
 * and region), up to 10 comparator authorities, and the working days per year the absence rate
 * uses. One row per council.
 */
export async function settingsRoutes(app: FastifyInstance) {
  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    state: {
      values?: Values;
      errors?: Record<string, string>;
      errorSummary?: { text: string; href: string }[];
    },
  ) {
    const ctx = request.tenantContext();
    await ensurePublishedIndicators(app.platform.data, ctx);
    const { las, regionList, settings } = await app.platform.data.run(ctx, async (db) => ({
      las: await localAuthorities(db),
      regionList: await regions(db),
      settings: await benchmarkSettings(db),
    }));
    const values: Values = state.values ?? {
      la_code: settings.laCode ?? "",
      lea_number: settings.leaNumber ?? "",
      region_code: settings.regionCode ?? "",
      comparator_codes: settings.comparatorCodes,
      working_days_per_year: String(settings.workingDaysPerYear),
    };
    const errors = state.errors ?? {};
    return reply
      .code(state.errorSummary?.length ? 400 : 200)
      .render("workforce/benchmarking/pages/settings/view.njk", {
        pageTitle: "Workforce settings",
        values,
        notification: takeNotice(request),
        errors,
        errorSummary: state.errorSummary ?? [],
        laItems: [
          { value: "", text: "My authority is not in the DfE's files", selected: !values.la_code },
          ...las.map((l) => ({ value: l.code, text: l.name, selected: l.code === values.la_code })),
        ],
        regionItems: [
          { value: "", text: "Select a region", selected: !values.region_code },
          ...regionList.map((r) => ({
            value: r.code,
            text: r.name,
            selected: r.code === values.region_code,
          })),
        ],
        comparatorGroups: byRegion(las, regionList, values.comparator_codes ?? []),
        maxComparators: MAX_COMPARATORS,
        defaultWorkingDays: DEFAULT_WORKING_DAYS,
      });
  }

  app.get(url, { config: { permission, councilWide: true } }, (request, reply) => render(request, reply, {}));

  app.post(
    url,
    { config: { permission, councilWide: true, form: settingsShape } },
    async (request, reply) => {
      const ctx = request.tenantContext();
      await ensurePublishedIndicators(app.platform.data, ctx);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const outcome = await app.platform.data.run(ctx, async (db) => {
        const result = validateForm(settingsForm(await localAuthorities(db), await regions(db)), body);
        if (result.ok) await saveBenchmarkSettings(db, result.data, ctx.actor.id);
        return result;
      });
      if (!outcome.ok) {
        const raw = body.comparator_codes;
        const values: Values = {
          la_code: String(body.la_code ?? ""),
          lea_number: String(body.lea_number ?? ""),
          region_code: String(body.region_code ?? ""),
          comparator_codes: Array.isArray(raw) ? raw.map(String) : raw ? [String(raw)] : [],
          working_days_per_year: String(body.working_days_per_year ?? ""),
        };
        return render(request, reply, { values, errors: outcome.errors, errorSummary: outcome.errorSummary });
      }
      setNotice(request, "Workforce settings saved");
      return reply.redirect(url, 303);
    },
  );
}
