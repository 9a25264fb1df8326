// Concurrency limits as Inngest applies them: to steps executing, per key. A call request holds a
// slot of every limit of its function for as long as the app takes to answer it.

export class KeyedLimiter {
  private readonly active = new Map<string, number>()
  private waiting: (() => void)[] = []

  async run<T>(slots: { key: string; limit: number }[], fn: () => Promise<T>): Promise<T> {
    while (!slots.every(({ key, limit }) => (this.active.get(key) ?? 0) < limit)) {
      await new Promise<void>((resolve) => this.waiting.push(resolve))
    }
    for (const { key } of slots) this.active.set(key, (this.active.get(key) ?? 0) + 1)
    try {
      return await fn()
    } finally {
      for (const { key } of slots) {
        const left = (this.active.get(key) ?? 1) - 1
        if (left === 0) this.active.delete(key)
        else this.active.set(key, left)
      }
      // Everyone rechecks; with a handful of runs this is cheaper than tracking who waits for what.
      const waiting = this.waiting
      this.waiting = []
      for (const wake of waiting) wake()
    }
  }
}
