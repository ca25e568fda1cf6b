import type { FastifyInstance } from "fastify";
import { TenantCache } from "../../../platform/tenancy/tenant-cache.js";
import { CensusService, currentCensusYear } from "../../workforce/census/census.service.js";
import { type HomeContext, type Panel, type PanelSection, plural, section } from "./shared.js";

/** Feeds and the census are the council's: their pages need the permission for the whole council. */
function councilWide(h: HomeContext, permission: string): boolean {
  return h.can(permission) && h.scope(permission).tenant;
}

/** Whether the HR panel applies: the people feed or the workforce data for the whole council. */
export function hrApplies(h: HomeContext): boolean {
  return councilWide(h, "people.feeds.manage") || councilWide(h, "workforce.manage");
}

interface CensusSummary {
  year: number;
  included: number;
  excluded: number;
  errors: number;
  blockers: string[];
}

/** The census summary, remembered until the council's data changes (the report reads everyone). */
const censusCache = new WeakMap<FastifyInstance, { service: CensusService; cache: TenantCache }>();

async function censusSummary(h: HomeContext): Promise<CensusSummary> {
  let held = censusCache.get(h.app);
  if (!held) {
    held = {
      service: new CensusService(h.app),
      cache: new TenantCache(h.app.platform.clock, 200, 10 * 60_000),
    };
    censusCache.set(h.app, held);
  }
  const { service, cache } = held;
  const year = currentCensusYear(h.today);
  const version = await h.app.platform.data.run(h.ctx, (db) => cache.version(db));
  return cache.getAt(version, h.ctx.tenantId, `census:${year}:${h.today}`, async () => {
    const report = await service.report(h.ctx, year);
    const draft = report.draft;
    return {
      year,
      included: draft?.included.length ?? 0,
      excluded: draft?.excluded.length ?? 0,
      errors: draft?.problems.filter((p) => p.severity === "error").length ?? 0,
      blockers: draft?.blockers ?? (report.choice ? [] : ["There is no specification for the year"]),
    };
  });
}

/**
 * HR's things to act on: feed runs with refused rows (the latest people feed runs and workforce
 * feed runs), people the people feed thinks have left, and how ready the current census year's
 * return is (records left out of it). Only the parts whose permission is held for the whole
 * council; the reads run in parallel.
 */
export async function hrPanel(h: HomeContext): Promise<Panel | null> {
  const { app, ctx } = h;
  const feeds = councilWide(h, "people.feeds.manage");
  const workforce = councilWide(h, "workforce.manage");
  const [overview, leavers, workforceRuns, census] = await Promise.all([
    feeds ? app.feeds.overview(ctx) : null,
    feeds ? app.feeds.possibleLeavers(ctx) : null,
    workforce ? app.workforceFeeds.runs(ctx, { limit: 20, offset: 0 }) : null,
    workforce ? censusSummary(h) : null,
  ]);
  const sections: PanelSection[] = [];
  const refused = { text: "Rows refused", classes: "govuk-tag--red" };
  const failed = { text: "Failed", classes: "govuk-tag--red" };

  if (overview || workforceRuns) {
    const peopleRuns = (overview?.runs ?? [])
      .filter((r) => r.status === "failed" || (r.counts?.reject ?? 0) > 0)
      .map((r) => ({
        at: new Date(r.created_at).getTime(),
        line: {
          text: `${r.source_name}: ${r.filename}`,
          href: `/people/feeds/runs/${r.id}`,
          detail:
            r.status === "failed"
              ? (r.error ?? "the file could not be read")
              : `${plural(r.counts?.reject ?? 0, "row", "rows")} refused`,
          tag: r.status === "failed" ? failed : refused,
        },
      }));
    const workforceErrors = (workforceRuns?.rows ?? [])
      .filter((r) => r.rows_rejected > 0)
      .map((r) => ({
        at: new Date(r.created_at).getTime(),
        line: {
          text: `${kindNames[r.kind] ?? r.kind}: ${r.filename}`,
          href: `/workforce/feeds/runs/${r.id}`,
          detail: `${plural(r.rows_rejected, "row", "rows")} of ${r.rows_total} refused`,
          tag: refused,
        },
      }));
    const errors = [...peopleRuns, ...workforceErrors].sort((a, b) => b.at - a.at).map((e) => e.line);
    sections.push(
      section(
        "Feed errors",
        errors.length === 0
          ? "No errors in the latest runs"
          : plural(errors.length, "run with errors", "runs with errors"),
        errors,
        feeds
          ? { href: "/people/feeds", text: "People feeds" }
          : { href: "/workforce/feeds", text: "Workforce feeds" },
      ),
    );
  }

  if (overview && leavers) {
    sections.push(
      section(
        "Possible leavers",
        overview.leaverCount === 0
          ? "Nobody waiting for a decision"
          : plural(overview.leaverCount, "person waiting for a decision", "people waiting for a decision"),
        leavers.map((l) => ({
          text: `${l.given_name} ${l.family_name}`,
          href: `/people/feeds/possible-leavers/${l.id}`,
          detail: `missing from ${l.filename}`,
        })),
        { href: "/people/feeds/possible-leavers", text: "Possible leavers" },
      ),
    );
  }

  if (census) {
    const ready = census.blockers.length === 0 && census.excluded === 0;
    sections.push(
      section(
        `Census ${census.year}`,
        ready
          ? `${plural(census.included, "record", "records")} ready`
          : `${plural(census.excluded, "record", "records")} left out, ${census.included} included`,
        [
          ...census.blockers.map((b) => ({
            text: b,
            tag: { text: "Cannot be made", classes: "govuk-tag--red" },
          })),
          ...(census.errors > 0
            ? [{ text: plural(census.errors, "error to correct", "errors to correct") }]
            : []),
        ],
        { href: `/workforce/census/${census.year}`, text: "The census report" },
      ),
    );
  }
  if (sections.length === 0) return null;
  return { key: "hr", title: "People data", sections };
}

const kindNames: Record<string, string> = {
  agency: "Agency placements",
  absence: "Sickness absence",
  stability: "Stability",
};
