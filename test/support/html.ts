import { type HTMLElement, parse } from "node-html-parser";

/** Parses a rendered page so tests assert on elements, not on strings. */
export function html(body: string): HTMLElement {
  return parse(body);
}

export function text(el: HTMLElement | null | undefined): string {
  return (el?.textContent ?? "").replace(/\s+/g, " ").trim();
}
