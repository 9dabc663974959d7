/*
|--------------------------------------------------------------------------
| HTTP kernel file
|--------------------------------------------------------------------------
*/

import router from '@adonisjs/core/services/router'
import server from '@adonisjs/core/services/server'

server.errorHandler(() => import('#exceptions/handler'))

/**
 * Middleware run on every request, even without a matching route
 */
server.use([
  () => import('#middleware/http_metrics_middleware'),
  () => import('#middleware/request_log_middleware'),
  () => import('#middleware/container_bindings_middleware'),
  () => import('#middleware/static_files_middleware'),
  () => import('@adonisjs/vite/vite_middleware'),
  () => import('#middleware/detect_user_locale_middleware'),
  () => import('#middleware/detect_color_theme_middleware'),
  () => import('#middleware/share_registration_mode_middleware'),
])

/**
 * Middleware run on every request with a matching route
 */
router.use([
  () => import('@adonisjs/core/bodyparser_middleware'),
  () => import('#middleware/refuse_unstorable_text_middleware'),
  () => import('#middleware/session_middleware'),
  () => import('#middleware/keep_flash_for_background_requests_middleware'),
  () => import('#middleware/multipart_upload_middleware'),
  () => import('@adonisjs/shield/shield_middleware'),
  () => import('@adonisjs/auth/initialize_auth_middleware'),
  () => import('#middleware/initialize_bouncer_middleware'),
  () => import('#middleware/share_sidebar_middleware'),
])

/**
 * Named middleware assigned to routes or groups
 */
export const middleware = router.named({
  guest: () => import('#middleware/guest_middleware'),
  auth: () => import('#middleware/auth_middleware'),
  silentAuth: () => import('#middleware/silent_auth_middleware'),
  apiBodyType: () => import('#middleware/api_body_type_middleware'),
})
