import { BaseCommand } from '@adonisjs/core/ace'
import { ensureTestSystemRequirements } from '#tests/system_requirements'

/**
 * Installs (as root, with apt-get) or names the system packages the test
 * suites need; `node ace test` does the same before every run
 */
export default class TestRequirements extends BaseCommand {
  static commandName = 'test:requirements'
  static description =
    'Install (as root, with apt-get) or name the system packages the test suites need'

  async run() {
    try {
      ensureTestSystemRequirements((line) => this.logger.info(line))
      this.logger.success('Everything the tests run is installed')
    } catch (error) {
      this.logger.error((error as Error).message)
      this.exitCode = 1
    }
  }
}
