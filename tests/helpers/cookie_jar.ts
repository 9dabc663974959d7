/**
 * A browser's cookie jar, reduced to what these tests need
 */
export class CookieJar {
  readonly cookies = new Map<string, string>()
  /** Raw Set-Cookie lines of the last response */
  lastSetCookies: string[] = []

  /** Copies the jar (a stolen or kept-aside cookie set) */
  clone() {
    const copy = new CookieJar()
    this.cookies.forEach((value, name) => copy.cookies.set(name, value))
    return copy
  }

  /** Sends a request with the jar's cookies and stores what the server sets */
  async fetch(url: string, init: RequestInit = {}) {
    const header = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...init.headers, cookie: header, accept: 'text/html' },
    })
    this.lastSetCookies = response.headers.getSetCookie()
    for (const line of this.lastSetCookies) {
      const [pair] = line.split(';')
      const name = pair.slice(0, pair.indexOf('='))
      const value = pair.slice(pair.indexOf('=') + 1)
      const expired = /max-age=0|expires=thu, 01 jan 1970/i.test(line)
      expired || value === '' ? this.cookies.delete(name) : this.cookies.set(name, value)
    }
    return response
  }

  /** Posts a form with the page's CSRF token (and optional extra request headers) */
  async submit(
    url: string,
    csrfFrom: string,
    fields: Record<string, string> = {},
    headers: Record<string, string> = {}
  ) {
    const form = await this.fetch(csrfFrom)
    const page = await form.text()
    const token = page.match(/name=['"]_csrf['"] value=['"]([^'"]+)['"]/)?.[1]
    if (!token) throw new Error(`No CSRF token on ${csrfFrom}`)
    return this.fetch(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...fields, _csrf: token }).toString(),
    })
  }
}
