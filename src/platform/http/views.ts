import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { Permission, Policy } from "../auth/principal.js";
import type { Config } from "../config.js";
import { createViewEnvironment } from "../views/render.js";

export interface NavigationItem {
  href: string;
  text: string;
  permission: Permission;
}

/** The service navigation: features add their entries; each user sees those they may open. */
export class Navigation {
  readonly #items: NavigationItem[] = [];
  add(item: NavigationItem): void {
    this.#items.push(item);
  }
  for(request: FastifyRequest, policy: Policy): { href: string; text: string; active: boolean }[] {
    const principal = request.principal;
    const path = request.url.split("?")[0] ?? "/";
    return this.#items
      .filter((i) => i.permission === "public" || (principal !== null && policy.can(principal, i.permission)))
      .map((i) => ({
        href: i.href,
        text: i.text,
        active: i.href === "/" ? path === "/" : path === i.href || path.startsWith(`${i.href}/`),
      }));
  }
}

/**
 * `reply.render(template, data)`: Nunjucks inside the layout, with the globals every page needs.
 * The CSRF token is made only when a template outputs it, so public pages create no session.
 */
export const views = fp(
  async (
    app: FastifyInstance,
    opts: { config: Config; policy: Policy; navigation: Navigation; extraViewPaths?: string[] },
  ) => {
    const env = createViewEnvironment({
      cache: opts.config.env === "production",
      extraPaths: opts.extraViewPaths ?? [],
    });
    app.decorate("views", env);
    app.decorateReply(
      "render",
      function (this: FastifyReply, template: string, data: Record<string, unknown> = {}) {
        const request = this.request;
        const nonce = (this as unknown as { cspNonce?: { script: string } }).cspNonce?.script;
        const context: Record<string, unknown> = {
          serviceName: opts.config.serviceName,
          authorityName: request.tenant?.name ?? opts.config.authorityName,
          phase: opts.config.phase,
          cspNonce: nonce,
          currentUser: request.principal ? { displayName: request.principal.displayName } : null,
          navigation: request.tenant ? opts.navigation.for(request, opts.policy) : [],
          demoMode: opts.config.demoMode,
          ...data,
        };
        // Made when output (nunjucks calls toString), so a page without a form creates no session.
        context.csrfToken = { toString: () => this.generateCsrf() };
        const html = env.render(template, context);
        return this.type("text/html; charset=utf-8").send(html);
      },
    );
  },
  { name: "wa-views", dependencies: ["wa-sessions"] },
);

declare module "fastify" {
  interface FastifyInstance {
    views: import("nunjucks").Environment;
  }
}
