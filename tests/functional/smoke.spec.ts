import { test } from '@japa/runner'

test('home page renders', async ({ client }) => {
  const response = await client.get('/')
  response.assertStatus(200)
  response.assertTextIncludes('Roomchat')
})
