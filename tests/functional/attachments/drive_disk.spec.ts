import { test } from '@japa/runner'
import { existsSync } from 'node:fs'
import { readFile, rm } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import drive from '@adonisjs/drive/services/main'

test.group('Drive disk', () => {
  test('files go to the private fs disk under tmp/uploads/<NODE_ENV> by default', async ({
    assert,
  }) => {
    const key = 'drive-disk-spec/hello.txt'
    const disk = drive.use()
    await disk.put(key, 'hello')
    const path = app.tmpPath('uploads', 'test', key)
    try {
      assert.equal(await readFile(path, 'utf8'), 'hello')
      assert.equal(await disk.getVisibility(key), 'private')
      await disk.delete(key)
      assert.isFalse(existsSync(path))
    } finally {
      await rm(app.tmpPath('uploads', 'test', 'drive-disk-spec'), { recursive: true, force: true })
    }
  })
})
