import type { FastifyInstance, FastifyRequest } from "fastify";
import { TenantCache } from "../../../platform/tenancy/tenant-cache.js";
import { coordinatorApplies, coordinatorPanel } from "./coordinator.js";
import { directorApplies, directorPanel } from "./director.js";
import { hrApplies, hrPanel } from "./hr.js";
import { learningApplies, learningPanel } from "./learning.js";
import { managerApplies, managerPanel } from "./manager.js";
import { practitionerApplies, practitionerPanel } from "./practitioner.js";
import { type HomeContext, homeContext, type Panel } from "./shared.js";

export type { Panel } from "./shared.js";

/** Each kind of role's panel, in the order the page shows them; each shown once whatever the roles. */
const panels: Array<{
  key: string;
  title: string;
  template: string;
  link: string;
  applies: (h: HomeContext) => boolean;
  build: (h: HomeContext) => Promise<Panel | null>;
}> = [
  {
    key: "practitioner",
    title: "Your learning and practice",
    template: "home/panels/practitioner.njk",
    link: "/learning/my",
    applies: practitionerApplies,
    build: practitionerPanel,
  },
  {
    key: "manager",
    title: "Your team",
    template: "home/panels/manager.njk",
    link: "/supervision",
    applies: managerApplies,
    build: managerPanel,
  },
  {
    key: "learning",
    title: "Sessions and bookings",
    template: "home/panels/learning.njk",
    link: "/learning/sessions",
    applies: learningApplies,
    build: learningPanel,
  },
  {
    key: "coordinator",
    title: "Early career programme",
    template: "home/panels/coordinator.njk",
    link: "/early-career/dashboard",
    applies: coordinatorApplies,
    build: coordinatorPanel,
  },
  {
    key: "hr",
    title: "People data",
    template: "home/panels/hr.njk",
    link: "/people",
    applies: hrApplies,
    build: hrPanel,
  },
  {
    key: "director",
    title: "The scorecard",
    template: "home/panels/director.njk",
    link: "/performance",
    applies: directorApplies,
    build: directorPanel,
  },
];

type PanelDefinition = (typeof panels)[number];

/**
 * The signed-in user's panels: one per kind of role they hold. A panel whose figures cannot be
 * read says so (and is logged) rather than taking the whole page down.
 *
 * The home page is the page opened most, and each panel asks up to five services. So every panel
 * reads in one shared transaction (`DataAccess.together`), and a built panel is remembered per
 * user, roles and day until the council's data changes (any write) or a minute has passed. A
 * failed statement ends a shared transaction for every panel still reading, so a panel that fails
 * there (or all of them, when the transaction itself fails) is read again in transactions of its
 * own; only a panel that fails then too says so. A failed panel is not remembered.
 */
export async function panelsFor(
  app: FastifyInstance,
  request: FastifyRequest,
): Promise<Array<Panel & { template: string }>> {
  const h = homeContext(app, request);
  // A minute at most: a panel also depends on the time (bookings still to come, due dates).
  const cache = TenantCache.of(app, "home-panels", app.platform.clock, 5000, 60_000);
  const who = JSON.stringify([
    h.personId,
    request.principal?.userId ?? null,
    (request.principal?.roles ?? []).map((g) => [g.role, g.unitId ?? null]),
    h.today,
  ]);
  const shown = panels.filter((p) => p.applies(h));
  const { data } = app.platform;
  // Each panel as read in the shared transaction: undefined where it failed there.
  let shared: Array<Panel | null | undefined>;
  try {
    shared = await data.together(h.ctx, async () => {
      const version = await data.run(h.ctx, (db) => cache.version(db));
      return Promise.all(
        shown.map((p) =>
          cache
            .getAt(version, h.ctx.tenantId, `${p.key}\u0000${who}`, () => p.build(h))
            .catch((err) => {
              request.log.warn({ err, panel: p.key }, "home page panel failed in the shared transaction");
              return undefined;
            }),
        ),
      );
    });
  } catch (err) {
    request.log.warn({ err }, "home page shared transaction failed: reading each panel on its own");
    shared = shown.map(() => undefined);
  }
  const built = await Promise.all(
    shown.map(async (p, i) => {
      const first = shared[i];
      const panel = first === undefined ? await alone(request, h, p) : first;
      return panel ? { ...panel, template: p.template } : null;
    }),
  );
  return built.filter((p) => p !== null);
}

/** A panel read again in transactions of its own; says it could not be read if it fails again. */
async function alone(request: FastifyRequest, h: HomeContext, p: PanelDefinition): Promise<Panel | null> {
  try {
    return await p.build(h);
  } catch (err) {
    request.log.error({ err, panel: p.key }, "home page panel failed");
    return {
      key: p.key,
      title: p.title,
      sections: [],
      failed: true,
      link: { href: p.link, text: "Open the full page" },
    };
  }
}
