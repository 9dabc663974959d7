import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from '@japa/runner'
import { builtAssetsStale } from '#tests/built_assets'

/**
 * Sets a file's modification time to `seconds` after the epoch
 */
function touch(path: string, seconds: number) {
  return utimes(path, seconds, seconds)
}

test.group('Built assets (node ace test rebuilds them when stale)', (group) => {
  let root: string

  group.each.setup(async () => {
    root = await mkdtemp(join(tmpdir(), 'built-assets-'))
    await mkdir(join(root, 'resources', 'js', 'chat'), { recursive: true })
    await writeFile(join(root, 'resources', 'js', 'chat', 'outbox.js'), 'export {}')
    await touch(join(root, 'resources', 'js', 'chat', 'outbox.js'), 1000)
    return () => rm(root, { recursive: true, force: true })
  })

  test('stale without a manifest, fresh when the manifest is newer than every source', async ({
    assert,
  }) => {
    assert.isTrue(builtAssetsStale(root))
    await mkdir(join(root, 'public', 'assets', '.vite'), { recursive: true })
    const manifest = join(root, 'public', 'assets', '.vite', 'manifest.json')
    await writeFile(manifest, '{}')
    await touch(manifest, 2000)
    await touch(join(root, 'resources', 'js', 'chat'), 1000)
    await touch(join(root, 'resources', 'js'), 1000)
    assert.isFalse(builtAssetsStale(root))
  })

  test('stale again once a source in a nested folder changes', async ({ assert }) => {
    await mkdir(join(root, 'public', 'assets', '.vite'), { recursive: true })
    const manifest = join(root, 'public', 'assets', '.vite', 'manifest.json')
    await writeFile(manifest, '{}')
    await touch(manifest, 2000)
    await touch(join(root, 'resources', 'js', 'chat'), 1000)
    await touch(join(root, 'resources', 'js'), 1000)
    await touch(join(root, 'resources', 'js', 'chat', 'outbox.js'), 3000)
    assert.isTrue(builtAssetsStale(root))
  })
})
