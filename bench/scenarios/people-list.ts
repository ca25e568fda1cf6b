import type { Scenario } from "../scenario.js";
import { BENCH_SCALE, demoAuthority, escapeHtml } from "./demo-authority.js";

/** The people list's second page (50 a page) of the 5,000-staff authority, as an HR analyst. */
export const peopleList: Scenario = {
  name: "people-list",
  description: "People list, page 2 (50 a page), as an HR and workforce analyst",
  scale: BENCH_SCALE,
  async setup(ctx) {
    const demo = await demoAuthority(ctx);
    return {
      requests: [{ path: "/people?page=2" }],
      headers: { cookie: demo.cookie },
      expectBody: [escapeHtml(demo.pageTwoName), 'action="/sign-out"'],
    };
  },
};
