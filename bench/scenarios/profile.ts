import type { Scenario } from "../scenario.js";
import { BENCH_SCALE, demoAuthority, escapeHtml } from "./demo-authority.js";

/** A person's profile: someone with several assignments (a move, the ASYE, a second job). */
export const profile: Scenario = {
  name: "profile",
  description: "A person's profile with several assignments, as an HR and workforce analyst",
  scale: BENCH_SCALE,
  async setup(ctx) {
    const demo = await demoAuthority(ctx);
    return {
      requests: [{ path: `/people/${demo.profile.id}` }],
      headers: { cookie: demo.cookie },
      expectBody: [escapeHtml(demo.profile.name), 'action="/sign-out"'],
    };
  },
};
