import { test } from '@japa/runner'
import { formatFileSize } from '#client/attachments/file_size'

test.group('File sizes', () => {
  test('{locale}: bytes, kB and MB read right (the server and the browser share the code)')
    .with([
      {
        locale: 'en',
        expected: ['0 bytes', '1 byte', '16 bytes', '1,023 bytes', '1.5 kB', '10 MB'],
      },
      { locale: 'vi', expected: ['0 byte', '1 byte', '16 byte', '1.023 byte', '1,5 kB', '10 MB'] },
    ])
    .run(({ assert }, { locale, expected }) => {
      const sizes = [0, 1, 16, 1023, 1536, 10 * 1024 * 1024]
      assert.deepEqual(
        sizes.map((size) => formatFileSize(size, locale)),
        expected
      )
    })
})
