import { configApp } from '@adonisjs/eslint-config'

/**
 * Import aliases that reach into the web app
 */
const APP_ALIASES = [
  'controllers',
  'models',
  'services',
  'validators',
  'policies',
  'middleware',
  'exceptions',
  'abilities',
  'events',
  'listeners',
  'transformers',
  'generated',
  'providers',
  'start',
  'config',
  'database',
]

/**
 * `#<alias>/…` for the app aliases, or any relative/absolute path through `app/`
 */
const APP_IMPORT = `^#(${APP_ALIASES.join('|')})/|(^|/)app/`

export default configApp(
  {
    name: 'Generated files',
    ignores: ['database/schema.ts', '.adonisjs/**', 'bench/results/**'],
  },
  {
    name: 'Chat core: framework-free (node:*, ws, pg, ioredis and itself only)',
    files: ['chat-service/src/**/*.ts', 'chat-service/client/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `${APP_IMPORT}|^#chat/(adapters|bin)/`,
              message: 'chat-service/src must not depend on the app or its adapters.',
            },
            {
              regex: '^@adonisjs/',
              message: 'chat-service/src stays framework-free; put AdonisJS code in adapters/.',
            },
            {
              regex: '^prom-client$',
              message:
                'chat-service/src counts through the ChatMetrics port; prom-client lives in adapters/.',
            },
          ],
        },
      ],
    },
  },
  {
    name: 'The web app: the chat only through its door, chat-service/index.ts',
    files: [
      'app/**/*.ts',
      'providers/**/*.ts',
      'commands/**/*.ts',
      'start/**/*.ts',
      'config/**/*.ts',
      'database/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^#chat/(?!index$)|(^|/)chat-service/(?!index(\\.js)?$)',
              message: 'Import the chat module only from #chat/index (its door).',
            },
          ],
        },
      ],
    },
  },
  {
    name: 'Chat adapters: AdonisJS allowed, the app never',
    files: ['chat-service/adapters/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: APP_IMPORT,
              message: 'chat-service/adapters may use @adonisjs/*, never the app.',
            },
          ],
        },
      ],
    },
  }
)
