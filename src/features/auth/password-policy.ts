import { dictionary } from "@zxcvbn-ts/language-common";

/**
 * The NCSC's advice: a minimum length and a block on common passwords, no composition rules
 * (no "must contain a symbol"). The list is zxcvbn-ts's 49,000 most common passwords.
 */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

let common: Set<string> | undefined;

function commonPasswords(): Set<string> {
  common ??= new Set((dictionary["passwords-common"] as string[]).map((p) => p.toLowerCase()));
  return common;
}

/** The GOV.UK-style message for a password that will not do, or null when it is acceptable. */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH)
    return `Password must be ${MIN_PASSWORD_LENGTH} characters or more`;
  if (password.length > MAX_PASSWORD_LENGTH)
    return `Password must be ${MAX_PASSWORD_LENGTH} characters or fewer`;
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower) || commonPasswords().has(lower.replace(/\d+$/, ""))) {
    return "Password is too easy to guess: it is one of the most common passwords. Try three random words";
  }
  if (email && lower === email.toLowerCase()) return "Password must not be your email address";
  return null;
}
