// Issue 4 §11: the unauthenticated auth routes answer 429 with Retry-After and RateLimit-*
// headers past AUTH_RATE_LIMIT a minute per address and account; with REDIS_URL the count
// is shared by every instance (two apps on the same Redis here). Authenticated traffic is
// not limited.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../helpers/app.ts'
import { as, createPerson } from '../../helpers/fixtures.ts'
import { useRedis } from '../../helpers/redis.ts'

const apps: TestApp[] = []
let redis: Awaited<ReturnType<typeof useRedis>>
// Built before the tests (hook timeout), so a loaded machine cannot time a test out.
let limited3: TestApp, limited2: TestApp, sharedA: TestApp, sharedB: TestApp, unlimited: TestApp

beforeAll(async () => {
  redis = await useRedis()
  limited3 = await app({ AUTH_RATE_LIMIT: '3' })
  limited2 = await app({ AUTH_RATE_LIMIT: '2' })
  sharedA = await app({ AUTH_RATE_LIMIT: '3', REDIS_URL: redis.url })
  sharedB = await app({ AUTH_RATE_LIMIT: '3', REDIS_URL: redis.url })
  unlimited = await app({ AUTH_RATE_LIMIT: '0' })
})
afterAll(async () => {
  for (const a of apps) await a.close()
  await redis?.stop()
})

async function app(env: Record<string, string>) {
  const t = await buildTestApp(env)
  apps.push(t)
  return t
}

const attempt = (t: TestApp, email: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: 'wrong-password' } })

describe('auth rate limits', () => {
  it('answers 429 with the headers past the limit, per account', async () => {
    const t = limited3
    const email = `${randomUUID()}@example.com`
    for (let i = 0; i < 3; i++) {
      const res = await attempt(t, email)
      expect(res.statusCode).toBe(400)
      expect(res.headers['ratelimit-limit']).toBe('3')
      expect(res.headers['ratelimit-remaining']).toBe(String(2 - i))
    }
    const limited = await attempt(t, email)
    expect(limited.statusCode).toBe(429)
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
    expect(limited.headers['ratelimit-reset']).toBeDefined()
    expect(limited.json()).toMatchObject({ error: true })
    expect(limited.json().message).toMatch(/^Too many requests, retry in /)
    // Another account from the same address still gets its own allowance.
    expect((await attempt(t, `${randomUUID()}@example.com`)).statusCode).toBe(400)
    // So do the reset and challenge routes, counted on their own.
    const reset = await t.app.inject({ method: 'POST', url: '/auth/reset-password', payload: { email } })
    expect(reset.statusCode).toBe(200)
  })

  it('leaves authenticated traffic alone', async () => {
    const t = limited2
    const me = await as(t.app, 'user')
    for (let i = 0; i < 5; i++) {
      const res = await t.app.inject({ method: 'GET', url: '/data/projects', headers: me.headers })
      expect(res.statusCode).toBe(200)
      expect(res.headers['ratelimit-limit']).toBeUndefined()
    }
  })

  it('shares the count between instances through Redis', async () => {
    const a = sharedA
    const b = sharedB
    const person = await createPerson(a.app, 'user')
    const email = person.email!
    expect((await attempt(a, email)).statusCode).toBe(400)
    expect((await attempt(b, email)).statusCode).toBe(400)
    expect((await attempt(a, email)).statusCode).toBe(400)
    expect((await attempt(b, email)).statusCode).toBe(429)
  })

  it('can be turned off', async () => {
    const t = unlimited
    const email = `${randomUUID()}@example.com`
    for (let i = 0; i < 5; i++) expect((await attempt(t, email)).statusCode).toBe(400)
  })
})
