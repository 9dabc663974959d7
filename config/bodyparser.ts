import { defineConfig } from '@adonisjs/core/bodyparser'

/**
 * Request body parsing. Chat input is small: bodies are capped at 64 KB.
 * The bodyparser never parses multipart bodies (autoProcess off, no route
 * calls `request.multipart`): its multipart parser in @adonisjs/bodyparser
 * <= 11.0.4 can be crashed by one request (GHSA-8w45-cghr-9rh4). The upload
 * route parses its own with @fastify/busboy instead
 * (app/middleware/multipart_upload_middleware.ts, SECURITY.md;
 * tests/functional/security/multipart.spec.ts).
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
