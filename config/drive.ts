import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, services } from '@adonisjs/drive'

/**
 * Where uploaded files (attachments, avatars) are kept. `fs` (default): a
 * folder beside the embedded database's data, UPLOADS_DIR or
 * tmp/uploads/<NODE_ENV> (a named volume in Compose). `s3`: any
 * S3-compatible store (AWS S3, MinIO, Garage), which several web
 * containers can share. Files are private on both: nothing is served
 * from the disk directly; the app streams each file after checking
 * access (see app/controllers/attachments_controller.ts).
 */
if (env.get('DRIVE_DISK') === 's3' && !env.get('S3_BUCKET')) {
  throw new Error(
    'DRIVE_DISK=s3 needs S3_BUCKET (and the AWS_* variables; S3_ENDPOINT for MinIO, Garage)'
  )
}

const driveConfig = defineConfig({
  default: env.get('DRIVE_DISK', 'fs'),

  services: {
    fs: services.fs({
      location: env.get('UPLOADS_DIR') ?? app.tmpPath('uploads', env.get('NODE_ENV')),
      serveFiles: false,
      visibility: 'private',
    }),
    s3: services.s3({
      credentials: {
        accessKeyId: env.get('AWS_ACCESS_KEY_ID', ''),
        secretAccessKey: env.get('AWS_SECRET_ACCESS_KEY', ''),
      },
      region: env.get('AWS_REGION', 'us-east-1'),
      bucket: env.get('S3_BUCKET', ''),
      endpoint: env.get('S3_ENDPOINT'),
      forcePathStyle: env.get('S3_FORCE_PATH_STYLE', false),
      visibility: 'private',
      supportsACL: false,
    }),
  },
})

export default driveConfig

declare module '@adonisjs/drive/types' {
  export interface DriveDisks extends InferDriveDisks<typeof driveConfig> {}
}
