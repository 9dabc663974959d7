import { defineConfig } from '@adonisjs/core/bodyparser'

/**
 * Request body parsing. Chat input is small: bodies are capped at 64 KB.
 * Nothing takes uploads, so multipart bodies are never parsed (autoProcess
 * off, no route calls `request.multipart`): the multipart parser of
 * @adonisjs/bodyparser <= 11.0.4 can be crashed by one request
 * (GHSA-8w45-cghr-9rh4; tests/functional/security/multipart.spec.ts).
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
