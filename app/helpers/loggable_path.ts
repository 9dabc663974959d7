/**
 * A request path as the access log records it: invite tokens
 * (`/invite/TOKEN`) are secrets that let anyone sign up, so they are replaced
 */
export function loggablePath(path: string) {
  return path.replace(/^\/invite\/[^/?#]+/, '/invite/[redacted]')
}
