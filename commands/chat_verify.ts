import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { inject } from '@adonisjs/core'
import DeliveryDoctorService, {
  type RoomDiagnosis,
  type Repair,
} from '#services/operations/delivery_doctor_service'
import type { ProbeReport } from '#services/operations/delivery_probe'

/**
 * The delivery doctor: proves every room's sequence log is whole (1..last_seq,
 * no gap, no duplicate, no reused client_id, no orphan edit, deleted messages
 * logged and blank, read markers and mentions in range). Read-only unless
 * --repair; --probe also sends one message through the running chat.
 */
export default class ChatVerify extends BaseCommand {
  static commandName = 'chat:verify'
  static description =
    'Check every room sequence log (gaps, duplicates, orphan edits, read markers…); --probe measures live delivery'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'Check only the room with this name' })
  declare room?: string

  @flags.boolean({ description: 'Print the report as JSON' })
  declare json: boolean

  @flags.boolean({
    description: 'Apply the safe repairs (last_seq to the log head, read markers clamped to it)',
  })
  declare repair: boolean

  @flags.boolean({
    description: 'Send a message through the running chat and time its arrival at every endpoint',
  })
  declare probe: boolean

  @flags.array({
    description: 'Chat WebSocket URL to probe, implies --probe (repeatable; default: this app’s)',
  })
  declare endpoint?: string[]

  @inject()
  async run(doctor: DeliveryDoctorService) {
    let diagnoses: RoomDiagnosis[] = []
    let probe: ProbeReport | null = null
    const tasks = this.ui.tasks({ verbose: this.json || !process.stdout.isTTY })
    tasks.add('Reading sequence logs', async (task) => {
      diagnoses = await doctor.diagnose(this.room)
      task.update(`${diagnoses.length} room(s) read`)
      return `${diagnoses.length} room(s) checked`
    })
    const probing = this.probe || Boolean(this.endpoint?.length)
    if (probing) {
      tasks.add('Probing the chat', async () => {
        probe = await this.#runProbe()
        const reached = probe.endpoints.filter((endpoint) => endpoint.arrivalMs !== null)
        return `delivered at ${reached.length} of ${probe.endpoints.length} endpoint(s)`
      })
    }
    if (!this.json) {
      await tasks.run()
    } else {
      diagnoses = await doctor.diagnose(this.room)
      probe = probing ? await this.#runProbe() : null
    }

    if (this.room && diagnoses.length === 0) {
      this.logger.error(`No room named "${this.room}"`)
      this.exitCode = 1
      return
    }

    const repairs = this.repair ? doctor.plan(diagnoses) : []
    if (!this.json) {
      repairs.forEach((repair) => this.logger.info(`repair: ${describeRepair(repair)}`))
    }
    for (const repair of repairs) {
      await doctor.repair(repair)
    }
    const after = repairs.length > 0 ? await doctor.diagnose(this.room) : diagnoses
    const unhealthy = after.filter((room) => room.problems.length > 0)
    const probed = probe as ProbeReport | null

    if (this.json) {
      this.logger.log(JSON.stringify(this.#jsonReport(after, repairs, probed), null, 2))
    } else {
      this.#printTable(after)
      if (unhealthy.length === 0) {
        this.logger.success(`All ${after.length} room log(s) are whole`)
      } else {
        this.logger.error(`${unhealthy.length} room log(s) need attention`)
      }
      if (probed) {
        this.#printProbe(probed)
      }
    }
    this.exitCode = unhealthy.length === 0 && (probed?.ok ?? true) ? 0 : 1
  }

  async #runProbe() {
    const { runProbe, defaultEndpoints } = await import('#services/operations/delivery_probe')
    const endpoints = this.endpoint?.length ? this.endpoint : defaultEndpoints()
    return runProbe(endpoints)
  }

  /**
   * A table with borders on a terminal; when piped, one plain `a|b|c` line
   * per row (cli-table3 would still draw its borders with ANSI codes)
   */
  #table() {
    return this.ui.table(process.stdout.isTTY ? {} : { raw: true })
  }

  #printTable(diagnoses: RoomDiagnosis[]) {
    const table = this.#table()
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

  #printProbe(probe: ProbeReport) {
    if (probe.error) {
      this.logger.error(`Probe not run: ${probe.error}`)
      return
    }
    const table = this.#table()
    table.head(['Endpoint', 'Connected', 'Arrival', 'Note'])
    for (const endpoint of probe.endpoints) {
      table.row([
        endpoint.url,
        endpoint.connected ? this.colors.green('yes') : this.colors.red('no'),
        endpoint.arrivalMs === null ? '-' : `${endpoint.arrivalMs} ms`,
        endpoint.error
          ? this.colors.red(endpoint.error)
          : endpoint.sender
            ? 'sent through here'
            : 'received',
      ])
    }
    table.render()
    const reached = probe.endpoints.filter((endpoint) => endpoint.arrivalMs !== null).length
    if (probe.ok) {
      this.logger.success(`Probe message delivered at all ${reached} endpoint(s)`)
    } else {
      this.logger.error(
        `Probe message delivered at ${reached} of ${probe.endpoints.length} endpoint(s)`
      )
    }
  }

  #jsonReport(diagnoses: RoomDiagnosis[], repairs: Repair[], probe: ProbeReport | null) {
    return {
      ok: diagnoses.every((room) => room.problems.length === 0) && (probe?.ok ?? true),
      rooms: diagnoses,
      repairs,
      ...(probe ? { probe } : {}),
    }
  }
}

/**
 * One line saying what a repair changes
 */
function describeRepair(repair: Repair) {
  return repair.kind === 'last_seq'
    ? `room "${repair.name}" last_seq ${repair.from} → ${repair.to}`
    : `room "${repair.name}" ${repair.markers} read marker(s) clamped to last_seq ${repair.to}`
}
