import type { FastifyInstance, FastifyRequest } from "fastify";
import type { z } from "zod";
import { RuleError, ruleErrorView } from "../../../platform/forms/rule-error.js";
import type { AuthService } from "../auth.service.js";
import { DEMO_PASSWORD, demoAccounts } from "../demo-accounts.js";
import type { OidcSignIn } from "../oidc.js";
import { resetForm, safeReturnTo, setPasswordForm, signInForm, signOutForm } from "./schemas.js";

const tooMany = { max: 10, timeWindow: "1 minute" };

function baseUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/** Sign in, sign out, and the emailed links to set or reset a password. */
export async function authPages(
  app: FastifyInstance,
  opts: { auth: AuthService; oidc: OidcSignIn | null },
): Promise<void> {
  const { auth, oidc } = opts;
  const { config } = app.platform;
  const signInView = (extra: Record<string, unknown>) => ({
    pageTitle: "Sign in",
    oidcProvider: oidc?.providerName ?? null,
    demoAccounts: config.demoMode ? demoAccounts : [],
    demoPassword: config.demoMode ? DEMO_PASSWORD : null,
    errors: {},
    values: {},
    ...extra,
  });

  app.get("/sign-in", { config: { permission: "public" } }, async (request, reply) => {
    const returnTo = safeReturnTo((request.query as { returnTo?: string }).returnTo);
    return reply.render("auth/pages/sign-in/view.njk", signInView({ values: { returnTo } }));
  });

  app.post(
    "/sign-in",
    { config: { permission: "public", form: signInForm, rateLimit: tooMany } },
    async (request, reply) => {
      const result = request.formResult;
      if (!result?.ok) {
        return reply
          .code(400)
          .render(
            "auth/pages/sign-in/view.njk",
            signInView({ ...result, values: { ...result?.values, password: "" } }),
          );
      }
      const form = result.data as z.output<typeof signInForm>;
      const outcome = await auth.signInWithPassword(request.tenant.id, form.email, form.password);
      if (!outcome.ok) {
        const message =
          outcome.reason === "locked"
            ? "Your account is locked after too many wrong passwords. Try again in 30 minutes, or reset your password"
            : "Enter a correct email address and password";
        return reply.code(outcome.reason === "locked" ? 423 : 401).render(
          "auth/pages/sign-in/view.njk",
          signInView({
            errors: { email: message },
            errorSummary: [{ text: message, href: "#email" }],
            values: { email: form.email, returnTo: form.returnTo },
          }),
        );
      }
      await request.session.regenerate();
      request.session.principal = outcome.principal;
      request.session.createdAt = app.platform.clock.now().getTime();
      request.session.lastSeenAt = request.session.createdAt;
      return reply.redirect(safeReturnTo(form.returnTo));
    },
  );

  if (oidc) {
    const callbackUrl = (request: FastifyRequest) => `${baseUrl(request)}/sign-in/oidc/callback`;
    app.get("/sign-in/oidc", { config: { permission: "public" } }, async (request, reply) => {
      const started = await oidc.start(callbackUrl(request));
      const returnTo = safeReturnTo((request.query as { returnTo?: string }).returnTo);
      request.session.oidc = {
        state: started.state,
        nonce: started.nonce,
        codeVerifier: started.codeVerifier,
        returnTo,
      };
      return reply.redirect(started.url);
    });

    app.get("/sign-in/oidc/callback", { config: { permission: "public" } }, async (request, reply) => {
      const started = request.session.oidc;
      if (!started) return reply.redirect("/sign-in");
      request.session.oidc = undefined;
      let email: string | null = null;
      try {
        email = await oidc.finish(new URL(request.url, baseUrl(request)), started);
      } catch (err) {
        request.log.warn({ err }, "single sign-on failed");
      }
      const outcome = email ? await auth.signInWithOidc(request.tenant.id, email) : null;
      if (!outcome?.ok) {
        return reply
          .code(403)
          .render("auth/pages/sign-in/no-account.njk", { pageTitle: "You cannot sign in yet", email });
      }
      await request.session.regenerate();
      request.session.principal = outcome.principal;
      request.session.createdAt = app.platform.clock.now().getTime();
      request.session.lastSeenAt = request.session.createdAt;
      return reply.redirect(started.returnTo);
    });
  }

  app.post("/sign-out", { config: { permission: "public", form: signOutForm } }, async (request, reply) => {
    await request.session.destroy();
    request.principal = null;
    return reply.render("auth/pages/signed-out/view.njk", { pageTitle: "You have signed out" });
  });

  app.get("/password/reset", { config: { permission: "public" } }, async (_request, reply) =>
    reply.render("auth/pages/password-reset/view.njk", {
      pageTitle: "Reset your password",
      errors: {},
      values: {},
    }),
  );

  app.post(
    "/password/reset",
    { config: { permission: "public", form: resetForm, rateLimit: tooMany } },
    async (request, reply) => {
      const result = request.formResult;
      if (!result?.ok) {
        return reply
          .code(400)
          .render("auth/pages/password-reset/view.njk", { pageTitle: "Reset your password", ...result });
      }
      const form = result.data as z.output<typeof resetForm>;
      await auth.requestPasswordReset(request.tenant.id, form.email, baseUrl(request));
      return reply.render("auth/pages/password-reset/sent.njk", {
        pageTitle: "Check your email",
        email: form.email,
      });
    },
  );

  app.get("/password/set/:token", { config: { permission: "public" } }, async (request, reply) => {
    const { token } = request.params as { token: string };
    const valid = await auth.tokenIsValid(request.tenant.id, token);
    if (!valid)
      return reply
        .code(410)
        .render("auth/pages/password-set/expired.njk", { pageTitle: "This link has expired" });
    return reply.render("auth/pages/password-set/view.njk", {
      pageTitle: "Choose a new password",
      errors: {},
    });
  });

  app.post(
    "/password/set/:token",
    { config: { permission: "public", form: setPasswordForm, rateLimit: tooMany } },
    async (request, reply) => {
      const { token } = request.params as { token: string };
      const result = request.formResult;
      const view = "auth/pages/password-set/view.njk";
      if (!result?.ok)
        return reply.code(400).render(view, { pageTitle: "Choose a new password", ...result, values: {} });
      const form = result.data as z.output<typeof setPasswordForm>;
      try {
        await auth.setPasswordWithToken(request.tenant.id, token, form.password);
      } catch (err) {
        if (err instanceof RuleError)
          return reply.code(400).render(view, { pageTitle: "Choose a new password", ...ruleErrorView(err) });
        throw err;
      }
      return reply.render("auth/pages/password-set/done.njk", {
        pageTitle: "Your password has been changed",
      });
    },
  );
}
