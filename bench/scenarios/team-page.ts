import type { Scenario } from "../scenario.js";
import { BENCH_SCALE, demoAuthority, escapeHtml } from "./demo-authority.js";

/** The biggest team's page: its posts, who holds them, vacancies and cover. */
export const teamPage: Scenario = {
  name: "team-page",
  description: "The biggest team's page (posts, holders, vacancies), as an HR and workforce analyst",
  scale: BENCH_SCALE,
  async setup(ctx) {
    const demo = await demoAuthority(ctx);
    return {
      requests: [{ path: `/organisation/units/${demo.team.id}` }],
      headers: { cookie: demo.cookie },
      expectBody: [escapeHtml(demo.team.name), 'action="/sign-out"'],
    };
  },
};
