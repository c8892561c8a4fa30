// A real OpenID provider (oidc-provider, with its built-in login and consent pages) on a
// loopback port, and a minimal browser: it follows the provider's redirects, keeps its
// cookies, fills the login form with an account id and accepts the consent, until the
// provider sends it back to the client's redirect URI (returned, not followed).
import { createServer, type Server } from 'node:http'
import { generateKeyPairSync } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import Provider from 'oidc-provider'

/** An account's claims; `userinfoOnly` names those left out of the ID token (as Entra ID does). */
export type Account = Record<string, unknown> & { userinfoOnly?: string[] }

export interface TestProvider {
  issuer: string
  discoveryUrl: string
  clientId: string
  clientSecret: string
  /** Accounts by login: their claims (sub is the login). Tests may add some. */
  accounts: Map<string, Account>
  close: () => Promise<void>
}

export interface ProviderOptions {
  redirectUri: string
}

export async function startOidcProvider(opts: ProviderOptions): Promise<TestProvider> {
  const server: Server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const accounts = new Map<string, Account>()
  const clientId = 'slate'
  const clientSecret = 'test-oidc-client-secret-4f2a9c'
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' })
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [opts.redirectUri], response_types: ['code'], grant_types: ['authorization_code'] }],
    jwks: { keys: [{ ...key, alg: 'RS256', use: 'sig', kid: 'test' }] },
    cookies: { keys: ['test-cookie-key'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['given_name', 'family_name', 'name'] },
    // The ID token carries the granted claims (as Keycloak's or Google's do), minus userinfoOnly.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    findAccount: async (_ctx: unknown, id: string) => {
      const account = accounts.get(id)
      if (!account) return undefined
      const { userinfoOnly = [], ...claims } = account
      return {
        accountId: id,
        claims: async (use: string) => Object.fromEntries(Object.entries({ sub: id, ...claims }).filter(([k]) => use !== 'id_token' || !userinfoOnly.includes(k))),
      }
    },
  })
  server.on('request', provider.callback())
  return {
    issuer, discoveryUrl: `${issuer}/.well-known/openid-configuration`, clientId, clientSecret, accounts,
    close: async () => {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

/**
 * Plays the browser from the provider's authorization URL (the Location Slate answered) to
 * the redirect back to the client; `login` is the account typed in the login form.
 */
export async function signInAtProvider(authorizationUrl: string, login: string): Promise<URL> {
  const origin = new URL(authorizationUrl).origin
  const jar = new Map<string, string>()
  const go = async (url: string, init: RequestInit = {}) => {
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie } })
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(';')[0]
      const name = pair.slice(0, pair.indexOf('='))
      const value = pair.slice(pair.indexOf('=') + 1)
      if (!value || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name)
      else jar.set(name, value)
    }
    return res
  }
  let url = authorizationUrl
  for (let step = 0; step < 12; step++) {
    const res = await go(url)
    if (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get('location')!, url)
      if (next.origin !== origin) return next
      url = next.href
      continue
    }
    const html = await res.text()
    if (res.status !== 200) throw new Error(`provider answered ${res.status} at ${url}: ${html.slice(0, 300)}`)
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1]
    const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1]
    if (!action || !prompt) throw new Error(`no interaction form at ${url}`)
    const form: Record<string, string> = prompt === 'login' ? { prompt, login, password: 'any' } : { prompt }
    const posted = await go(new URL(action, url).href, {
      method: 'POST', body: new URLSearchParams(form).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    if (posted.status < 300 || posted.status >= 400) throw new Error(`form post answered ${posted.status}`)
    url = new URL(posted.headers.get('location')!, url).href
  }
  throw new Error('too many redirects at the provider')
}
