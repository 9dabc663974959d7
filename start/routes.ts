/*
|--------------------------------------------------------------------------
| Routes file
|--------------------------------------------------------------------------
*/

import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'
import { throttleRegistration } from '#start/limiter'

router.on('/').render('pages/home').as('home')

router
  .group(() => {
    router.get('register', [controllers.NewAccount, 'create'])
    router.post('register', [controllers.NewAccount, 'store']).use(throttleRegistration)
    router.get('login', [controllers.Session, 'create'])
    router.post('login', [controllers.Session, 'store'])
  })
  .use(middleware.guest())

router
  .group(() => {
    router.post('logout', [controllers.Session, 'destroy'])
    router.get('rooms', [controllers.Rooms, 'index'])
    router.post('rooms', [controllers.Rooms, 'store'])
    router.get('rooms/:id', [controllers.Rooms, 'show']).where('id', router.matchers.number())
    router.delete('rooms/:id', [controllers.Rooms, 'destroy']).where('id', router.matchers.number())
  })
  .use(middleware.auth())

/*
| JSON API for non-browser clients, authenticated by bearer tokens
*/
router
  .group(() => {
    router.post('auth/tokens', [controllers.api.AccessTokens, 'store'])

    router
      .group(() => {
        router.delete('auth/tokens', [controllers.api.AccessTokens, 'destroy'])
        router.get('rooms', [controllers.api.Rooms, 'index'])
        router.post('rooms', [controllers.api.Rooms, 'store'])
        router.get('rooms/:id', [controllers.api.Rooms, 'show']).where('id', router.matchers.number())
        router
          .delete('rooms/:id', [controllers.api.Rooms, 'destroy'])
          .where('id', router.matchers.number())
      })
      .use(middleware.auth({ guards: ['api'] }))
  })
  .prefix('/api/v1')
  .as('api')
