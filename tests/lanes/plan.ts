/**
 * A lane: one `bin/test.ts` process that runs some suites with its own
 * server port, embedded PostgreSQL, mail folder and uploads folder
 */
export type Lane = {
  name: string
  suites: string[]
  env: Record<string, string>
}

/**
 * Functional specs that run in the browser lane, so that both lanes take
 * about as long (measured in a CI run: unit + functional 628 s, browser 492 s
 * with them in the first lane; this one alone took 50 s of it)
 */
export const BALANCING_SPECS = ['tests/functional/security/http_fuzz.spec.ts']

/** The lanes a whole run splits into, and which of a suite's spec files each runs */
export const LANE_SUITES: {
  name: string
  suites: string[]
  keeps: (suite: string, file: string) => boolean
}[] = [
  {
    name: 'unit+functional',
    suites: ['unit', 'functional'],
    keeps: (_suite, file) => !BALANCING_SPECS.includes(file),
  },
  {
    name: 'browser',
    suites: ['functional', 'browser'],
    keeps: (suite, file) => suite !== 'functional' || BALANCING_SPECS.includes(file),
  },
]

/** Flags that pick tests (or a database) in a way lanes cannot share */
const SELECTING_FLAGS = ['--files', '--tests', '--groups', '--tags', '--failed']

/**
 * The lanes for `node ace test <args>`: two when the run is the whole suite
 * on the embedded PostgreSQL, none (run as one process) when the arguments
 * pick suites or tests, when TEST_LANES=1 asks for one process, when this is
 * a lane already, or when a database is configured (both lanes would share
 * and truncate it)
 */
export function planLanes(
  args: string[],
  env: Record<string, string | undefined>,
  ports: { browser: number }
): Lane[] {
  const suiteNames = [...new Set(LANE_SUITES.flatMap((lane) => lane.suites))]
  const picks = args.some(
    (arg) => suiteNames.includes(arg) || SELECTING_FLAGS.some((flag) => arg.startsWith(flag))
  )
  const databaseConfigured = Boolean(env.DB_HOST || env.DATABASE_URL)
  if (picks || env.TEST_LANE || env.TEST_LANES === '1' || databaseConfigured) {
    return []
  }
  return LANE_SUITES.map(({ name, suites }, index) => ({
    name,
    suites,
    env: index === 0 ? { TEST_LANE: name } : ownResources(name, ports.browser),
  }))
}

/**
 * What a lane beside the first keeps to itself (the first lane keeps the
 * defaults the specs check, such as tmp/uploads/test)
 */
function ownResources(name: string, port: number) {
  return {
    TEST_LANE: name,
    PORT: String(port),
    APP_URL: `http://127.0.0.1:${port}`,
    EMBEDDED_PG_DIR: `tmp/postgres/test-${name}`,
    MAIL_DIR: `tmp/mail/test-${name}`,
    UPLOADS_DIR: `tmp/uploads/test-${name}`,
  }
}
