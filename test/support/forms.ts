import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { html } from "./html.js";

/** Fetches a page as the signed-in user and reads its CSRF token from the form. */
export async function csrfTokenFrom(app: FastifyInstance, url: string, cookie: string): Promise<string> {
  const page = await app.inject({ url, headers: { cookie } });
  const token = html(page.body).querySelector('input[name="_csrf"]')?.getAttribute("value");
  if (!token) throw new Error(`No CSRF token on ${url} (status ${page.statusCode})`);
  return token;
}

/** Submits a form as a browser would: urlencoded, with the CSRF token from the page. */
export async function formPost(
  app: FastifyInstance,
  url: string,
  cookie: string,
  fields: Record<string, string>,
  options: { pageUrl?: string } = {},
): Promise<LightMyRequestResponse> {
  const token = await csrfTokenFrom(app, options.pageUrl ?? url, cookie);
  return app.inject({
    method: "POST",
    url,
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    payload: new URLSearchParams({ ...fields, _csrf: token }).toString(),
  });
}
