import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import type { RoomDiagnosis, Repair } from '#services/delivery_doctor'

/**
 * The delivery doctor: proves every room's sequence log is whole (1..last_seq,
 * no gap, no duplicate, no reused client_id). Read-only unless --repair.
 */
export default class ChatVerify extends BaseCommand {
  static commandName = 'chat:verify'
  static description = 'Check every room sequence log for gaps, duplicates and a stale last_seq'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'Check only the room with this name' })
  declare room?: string

  @flags.boolean({ description: 'Print the report as JSON' })
  declare json: boolean

  @flags.boolean({ description: 'Apply the safe repairs (reset last_seq to the log head)' })
  declare repair: boolean

  async run() {
    const { diagnoseRooms, plannedRepairs, applyRepair } = await import('#services/delivery_doctor')

    let diagnoses: RoomDiagnosis[] = []
    const tasks = this.ui.tasks({ verbose: this.json || !process.stdout.isTTY })
    tasks.add('Reading sequence logs', async (task) => {
      diagnoses = await diagnoseRooms(this.room)
      task.update(`${diagnoses.length} room(s) read`)
      return `${diagnoses.length} room(s) checked`
    })
    if (!this.json) {
      await tasks.run()
    } else {
      diagnoses = await diagnoseRooms(this.room)
    }

    if (this.room && diagnoses.length === 0) {
      this.logger.error(`No room named "${this.room}"`)
      this.exitCode = 1
      return
    }

    const repairs = this.repair ? plannedRepairs(diagnoses) : []
    for (const repair of repairs) {
      if (!this.json) {
        this.logger.info(`repair: room "${repair.name}" last_seq ${repair.from} → ${repair.to}`)
      }
      await applyRepair(repair)
    }
    const after = repairs.length > 0 ? await diagnoseRooms(this.room) : diagnoses
    const unhealthy = after.filter((room) => room.problems.length > 0)

    if (this.json) {
      this.logger.log(JSON.stringify(this.#jsonReport(after, repairs), null, 2))
    } else {
      this.#printTable(after)
      if (unhealthy.length === 0) {
        this.logger.success(`All ${after.length} room log(s) are whole`)
      } else {
        this.logger.error(`${unhealthy.length} room log(s) need attention`)
      }
    }
    this.exitCode = unhealthy.length === 0 ? 0 : 1
  }

  #printTable(diagnoses: RoomDiagnosis[]) {
    const table = this.ui.table()
    table.head(['Room', 'last_seq', 'Head', 'Entries', 'Status'])
    for (const room of diagnoses) {
      table.row([
        room.name,
        String(room.lastSeq),
        String(room.head),
        String(room.entries),
        room.problems.length === 0
          ? this.colors.green('ok')
          : this.colors.red(room.problems.join('; ')),
      ])
    }
    table.render()
  }

  #jsonReport(diagnoses: RoomDiagnosis[], repairs: Repair[]) {
    return {
      ok: diagnoses.every((room) => room.problems.length === 0),
      rooms: diagnoses,
      repairs,
    }
  }
}
