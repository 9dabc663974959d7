import { defineConfig } from '@adonisjs/core/bodyparser'

/**
 * Request body parsing. Chat input is small: bodies are capped at 64 KB.
 */
const bodyParserConfig = defineConfig({
  allowedMethods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  form: {
    convertEmptyStringsToNull: true,
    trimWhitespaces: true,
    limit: '64kb',
    types: ['application/x-www-form-urlencoded'],
  },
  json: {
    convertEmptyStringsToNull: true,
    trimWhitespaces: true,
    limit: '64kb',
    types: ['application/json', 'application/vnd.api+json'],
  },
  multipart: {
    autoProcess: false,
    convertEmptyStringsToNull: true,
    trimWhitespaces: true,
    processManually: [],
    limit: '64kb',
    types: ['multipart/form-data'],
  },
})

export default bodyParserConfig
