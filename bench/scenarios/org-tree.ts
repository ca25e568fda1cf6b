import type { Scenario } from "../scenario.js";
import { BENCH_SCALE, demoAuthority, escapeHtml } from "./demo-authority.js";

/** The whole organisation tree with headcount and FTE per unit (about 590 units). */
export const orgTree: Scenario = {
  name: "org-tree",
  description: "Organisation tree with headcount and FTE per unit, as an HR and workforce analyst",
  scale: BENCH_SCALE,
  async setup(ctx) {
    const demo = await demoAuthority(ctx);
    return {
      requests: [{ path: "/organisation" }],
      headers: { cookie: demo.cookie },
      expectBody: [escapeHtml(demo.serviceName), escapeHtml(demo.team.name), 'action="/sign-out"'],
    };
  },
};
