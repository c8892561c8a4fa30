import { describe, expect, it } from 'vitest'
import { limiter } from '../../src/lib/limiter.ts'

describe('limiter', () => {
  it('runs at most max tasks at once, in arrival order, and frees slots on failure', async () => {
    const run = limiter(2)
    let active = 0
    let peak = 0
    const order: number[] = []
    const task = (i: number, fail = false) => run(async () => {
      active++
      peak = Math.max(peak, active)
      await new Promise((r) => setTimeout(r, 5))
      order.push(i)
      active--
      if (fail) throw new Error('boom')
      return i
    })
    const results = await Promise.allSettled([task(1), task(2, true), task(3), task(4), task(5)])
    expect(peak).toBe(2)
    expect(order).toEqual([1, 2, 3, 4, 5])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled'])
    expect(await task(6)).toBe(6)
  })
})
