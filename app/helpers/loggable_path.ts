/**
 * A request path as the access log records it: invite tokens
 * (`/invite/TOKEN`) let anyone sign up, and reset and verification tokens
 * (`/reset-password/TOKEN`, `/verify-email/TOKEN`) act for an account, so
 * they are replaced
 */
export function loggablePath(path: string) {
  return path.replace(/^\/(invite|reset-password|verify-email)\/[^/?#]+/, '/$1/[redacted]')
}
