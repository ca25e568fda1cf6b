import { z } from "zod";

const email = z
  .string()
  .trim()
  .min(1, "Enter your email address")
  .max(320, "Email address must be 320 characters or fewer")
  .email("Enter an email address in the correct format, like name@example.com");

export const signInForm = z.object({
  email,
  password: z.string().min(1, "Enter your password"),
  returnTo: z.string().optional(),
});

export const resetForm = z.object({ email });

export const setPasswordForm = z
  .object({
    password: z.string().min(1, "Enter a new password"),
    confirmPassword: z.string().min(1, "Confirm your new password"),
  })
  .refine((v) => v.password === "" || v.confirmPassword === "" || v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "Passwords must match",
  });

export const signOutForm = z.object({});

/** Only a path on this site: never another host (an open redirect). */
export function safeReturnTo(value: unknown): string {
  return typeof value === "string" && /^\/(?![/\\])/.test(value) ? value : "/";
}
