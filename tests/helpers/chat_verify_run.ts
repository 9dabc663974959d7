import ace from '@adonisjs/core/services/ace'
import ChatVerify from '#commands/chat_verify'

/**
 * The JSON report printed by the last --json run
 */
export function jsonReport(command: ChatVerify) {
  const logs = command.logger.getLogs().filter((log) => log.message.startsWith('{'))
  return JSON.parse(logs[logs.length - 1].message)
}

/**
 * Runs chat:verify with `args` and returns the command (its logs, exit code)
 */
export async function runVerify(args: string[]) {
  const command = await ace.create(ChatVerify, args)
  await command.exec()
  return command
}
