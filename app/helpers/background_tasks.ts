import logger from '@adonisjs/core/services/logger'

/**
 * Work started by a request but not awaited by it, so the answer does not
 * wait for (or reveal) it: e.g. looking up an address and mailing a reset
 * link. Failures are logged; `idle()` waits for everything started.
 */
export class BackgroundTasks {
  #running = new Set<Promise<void>>()

  /**
   * Starts `task` without waiting for it
   */
  run(name: string, task: () => Promise<void>) {
    const running: Promise<void> = task()
      .catch((error) => logger.error({ err: error }, `${name} failed`))
      .finally(() => this.#running.delete(running))
    this.#running.add(running)
  }

  /**
   * Resolves once every started task (and any task they started) ended
   */
  async idle() {
    while (this.#running.size > 0) {
      await Promise.all(this.#running)
    }
  }
}

/**
 * Mail work of this process (reset and verification links)
 */
export const mailTasks = new BackgroundTasks()
