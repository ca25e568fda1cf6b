/** A locator's text with its white space collapsed. */
export const text = async (locator: { textContent(): Promise<string | null> }) =>
  ((await locator.textContent()) ?? "").replace(/\s+/g, " ").trim();

/** Each of a locator's texts with its white space collapsed. */
export const texts = async (locator: { allTextContents(): Promise<string[]> }) =>
  (await locator.allTextContents()).map((t) => t.replace(/\s+/g, " ").trim());
