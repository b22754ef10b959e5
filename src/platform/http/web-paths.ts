/** Paths the web app's own router owns (not the API, the exchange, or a file). */
export function isAppPath(path: string): boolean {
  return !path.startsWith('/api') && !path.startsWith('/exchange') && !path.includes('.');
}

/** Content Security Policy of the web app's pages: only our own scripts, styles and API. */
export const WEB_CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
