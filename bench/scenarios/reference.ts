import type { Scenario } from "../scenario.js";

/**
 * The baseline every ratio divides by: a signed-in user's GET of /reference, which passes through
 * every plugin (session lookup, CSRF token from the session, security headers with a CSP nonce)
 * and renders the layout, navigation included, with no data.
 */
export const reference: Scenario = {
  name: "reference",
  description: "Reference page, signed in: every plugin and the layout, no data",
  async setup(ctx) {
    const cookie = await ctx.signIn();
    return {
      requests: [{ path: "/reference" }],
      headers: { cookie },
      // The sign-out form (with its CSRF token) shows the request was served as signed in.
      expectBody: ["Reference page", 'action="/sign-out"', 'name="_csrf"'],
    };
  },
};
