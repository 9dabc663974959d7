import { type SchemaRules } from '@adonisjs/lucid/types/schema_generator'

/**
 * BIGINT columns (sequence numbers, message ids, counts) are parsed as numbers
 * by config/database.ts, so the generated models type them as numbers.
 */
export default {
  types: {
    bigint: { tsType: 'number', decorators: [{ name: '@column' }] },
  },
  tables: {
    messages: {
      columns: {
        id: { tsType: 'number', decorators: [{ name: '@column', args: { isPrimary: true } }] },
      },
    },
    message_mentions: {
      columns: {
        message_id: {
          tsType: 'number',
          decorators: [{ name: '@column', args: { isPrimary: true } }],
        },
      },
    },
  },
} satisfies SchemaRules
