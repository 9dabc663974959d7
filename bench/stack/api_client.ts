/**
 * The app's HTTP API as a client sees it: bearer tokens, chat tickets and a
 * browser-like form login
 */
export class ApiClient {
  constructor(readonly baseUrl: string) {}

  /**
   * `POST /api/v1/auth/tokens`: a bearer token for the user
   */
  async createToken(username: string, password: string) {
    const response = await fetch(`${this.baseUrl}/api/v1/auth/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept': 'application/json' },
      body: JSON.stringify({ username, password }),
    })
    const body = (await response.json()) as { token?: string }
    if (response.status !== 201 || !body.token) {
      throw new Error(`token for ${username}: HTTP ${response.status} ${JSON.stringify(body)}`)
    }
    return body.token
  }

  /**
   * `POST /api/v1/chat/tickets`: a one-minute WebSocket ticket
   */
  async mintTicket(token: string) {
    const response = await fetch(`${this.baseUrl}/api/v1/chat/tickets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
    })
    const body = (await response.json()) as { ticket?: string }
    if (response.status !== 201 || !body.ticket) {
      throw new Error(`chat ticket: HTTP ${response.status} ${JSON.stringify(body)}`)
    }
    return body.ticket
  }

  /**
   * Logs in through the HTML form (CSRF token from the page, cookies kept
   * like a browser) and returns the Cookie header of the signed-in session
   */
  async signIn(username: string, password: string) {
    const jar = new Map<string, string>()
    const page = await fetch(`${this.baseUrl}/login`)
    keepCookies(jar, page)
    const csrf = /name=['"]_csrf['"]\s+value=['"]([^'"]+)['"]/.exec(await page.text())?.[1]
    if (!csrf) {
      throw new Error('no CSRF field on /login')
    }
    const response = await fetch(`${this.baseUrl}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'cookie': cookieHeader(jar),
      },
      body: new URLSearchParams({ _csrf: csrf, username, password }),
    })
    keepCookies(jar, response)
    if (response.status !== 302 || !response.headers.get('location')?.endsWith('/rooms')) {
      throw new Error(`form login: HTTP ${response.status} to ${response.headers.get('location')}`)
    }
    return cookieHeader(jar)
  }
}

function keepCookies(jar: Map<string, string>, response: Response) {
  for (const cookie of response.headers.getSetCookie()) {
    const [pair] = cookie.split(';')
    const separator = pair.indexOf('=')
    jar.set(pair.slice(0, separator), pair.slice(separator + 1))
  }
}

function cookieHeader(jar: Map<string, string>) {
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ')
}
