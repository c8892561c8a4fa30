// A FIFO concurrency limit for work that holds a lot of memory while it runs (the answers of
// whole-production lists): beyond `max` at once, callers wait their turn.
export function limiter(max: number) {
  let active = 0
  const waiting: Array<() => void> = []
  return async function run<T>(fn: () => Promise<T>): Promise<T> {
    if (active < max) active++
    else await new Promise<void>((resolve) => waiting.push(resolve)) // the slot is handed over
    try {
      return await fn()
    } finally {
      const next = waiting.shift()
      if (next) next()
      else active--
    }
  }
}
