import path from "node:path";
import nunjucks from "nunjucks";
import { monthName } from "../dates.js";
import { projectRoot as root } from "../paths.js";

/** Where templates are found: the layout and platform views, then feature folders, then govuk-frontend. */
export const viewPaths = [
  path.join(root, "src/platform/views"),
  path.join(root, "src/features"),
  path.join(root, "node_modules/govuk-frontend/dist"),
];

/**
 * Macros imported without context (`{% from "x.njk" import y %}`, as govuk-frontend's components
 * import theirs inside every macro call) depend on the imported template alone, yet nunjucks runs
 * that template's top level again on every import: a profile under load had imports at 15% of the
 * server's CPU. Each template's exports are kept, per compiled template, the first time they are
 * made. Imports `with context` are left as they are (they see the caller's variables).
 */
const exportsOf = new WeakMap<object, unknown>();
type ExportsCallback = (err: unknown, exported?: unknown) => void;
type GetExported = (ctx: unknown, parentFrame?: unknown, cb?: ExportsCallback) => void;
const templateProto = (nunjucks.Template as unknown as { prototype: { getExported: GetExported } }).prototype;
const uncachedGetExported = templateProto.getExported;
templateProto.getExported = function getExported(this: object, ctx, parentFrame, cb) {
  if (typeof ctx !== "function" || parentFrame !== undefined) {
    uncachedGetExported.call(this, ctx, parentFrame, cb);
    return;
  }
  const done = ctx as ExportsCallback;
  if (exportsOf.has(this)) {
    done(null, exportsOf.get(this));
    return;
  }
  uncachedGetExported.call(this, (err: unknown, exported?: unknown) => {
    if (!err) exportsOf.set(this, exported);
    done(err, exported);
  });
};

export function createViewEnvironment(options: {
  cache: boolean;
  extraPaths?: string[];
}): nunjucks.Environment {
  const paths = [...viewPaths, ...(options.extraPaths ?? [])];
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(paths, { noCache: !options.cache }), {
    autoescape: true,
    throwOnUndefined: false,
  });
  // govuk-frontend's macros trim often; nunjucks' own trim is a slow regex (a profile showed ~7% of
  // a page's CPU). Same result, keeping a safe string safe.
  env.addFilter("trim", (value: unknown) => {
    const out = String(value ?? "").trim();
    return value instanceof nunjucks.runtime.SafeString ? new nunjucks.runtime.SafeString(out) : out;
  });
  env.addFilter("govukDate", (value: unknown) => formatDate(value, false));
  env.addFilter("govukDateTime", (value: unknown) => formatDate(value, true));
  return env;
}

const dateFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "Europe/London",
});
const timeFormat = new Intl.DateTimeFormat("en-GB", {
  hour: "numeric",
  minute: "2-digit",
  hourCycle: "h12",
  timeZone: "Europe/London",
});

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** GOV.UK style: "23 November 2026" and "23 November 2026 at 2:05pm". */
export function formatDate(value: unknown, withTime: boolean): string {
  if (value === null || value === undefined || value === "") return "";
  // A calendar date (how the database gives DATE columns) is the same day in London: written
  // directly, as Intl's formatter costs microseconds a call and a compliance matrix has thousands.
  const iso = !withTime && typeof value === "string" ? ISO_DATE.exec(value) : null;
  if (iso) {
    const month = monthName(Number(iso[2]));
    const day = Number(iso[3]);
    if (month && day >= 1 && day <= 31) return `${day} ${month} ${iso[1]}`;
  }
  const d = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(d.getTime())) return String(value);
  const day = dateFormat.format(d);
  return withTime ? `${day} at ${timeFormat.format(d).replace(" ", "").toLowerCase()}` : day;
}
