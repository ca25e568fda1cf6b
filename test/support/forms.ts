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

/**
 * Uploads a CSV file as a browser would: multipart/form-data with the CSRF token from the page
 * (`pageUrl`, else `url`), then any other `fields`, then the file (field "file").
 */
export async function csvUpload(
  app: FastifyInstance,
  url: string,
  cookie: string,
  csv: string,
  options: { pageUrl?: string; fields?: Record<string, string>; filename?: string } = {},
): Promise<LightMyRequestResponse> {
  const token = await csrfTokenFrom(app, options.pageUrl ?? url, cookie);
  const boundary = "----testuploadboundary";
  const part = (name: string, value: string) => [
    `--${boundary}`,
    `Content-Disposition: form-data; name="${name}"`,
    "",
    value,
  ];
  const payload = [
    ...part("_csrf", token),
    ...Object.entries(options.fields ?? {}).flatMap(([name, value]) => part(name, value)),
    `--${boundary}`,
    `Content-Disposition: form-data; name="file"; filename="${options.filename ?? "upload.csv"}"`,
    "Content-Type: text/csv",
    "",
    csv,
    `--${boundary}--`,
    "",
  ].join("\r\n");
  return app.inject({
    method: "POST",
    url,
    headers: { cookie, "content-type": `multipart/form-data; boundary=${boundary}` },
    payload,
  });
}
