import fc from 'fast-check'
import {
  REFERER,
  body,
  form,
  formValue,
  fuzzEndpoints,
  headerValue,
  idValue,
  jsonValue,
  pathSegment,
  query,
  textUpTo,
  type Endpoint,
} from '#tests/helpers/http_fuzz'

const endpoints: Endpoint[] = [
  {
    name: 'POST /register',
    cases: body(['username', 'password', 'passwordConfirmation', 'invite'], formValue),
    send: (client, input) => form(client, 'post', '/register', input),
  },
  {
    name: 'POST /login',
    runs: 80,
    cases: body(['username', 'password'], formValue),
    send: (client, input) => form(client, 'post', '/login', input),
  },
  {
    name: 'POST /rooms',
    cases: body(['name', 'description', 'visibility'], formValue),
    send: (client, input, user) => form(client, 'post', '/rooms', input).loginAs(user),
  },
  {
    name: 'POST /rooms/:id/messages',
    cases: body(['text', 'client_id'], formValue),
    send: (client, input, user, room) =>
      form(client, 'post', `/rooms/${room}/messages`, input).loginAs(user),
  },
  {
    name: 'POST /preferences/locale',
    cases: body(['locale'], fc.oneof(formValue, fc.constantFrom('en', 'vi'))),
    send: (client, input) => form(client, 'post', '/preferences/locale', input),
    backIsSuccess: (input) => ['en', 'vi'].includes(input.locale),
  },
  {
    name: 'POST /preferences/theme',
    cases: body(['theme'], fc.oneof(formValue, fc.constantFrom('system', 'light', 'dark'))),
    send: (client, input) => form(client, 'post', '/preferences/theme', input),
    backIsSuccess: (input) => ['system', 'light', 'dark'].includes(input.theme),
  },
  {
    name: 'GET /rooms?q&sort&page',
    cases: query(['q', 'sort', 'page']),
    send: (client, input, user) => client.get('/rooms').qs(input).loginAs(user),
  },
  {
    name: 'GET /rooms/:id?before',
    cases: fc.tuple(idValue, query(['before'])),
    send: (client, [id, input], user) =>
      client
        .get(`/rooms/${pathSegment(id)}`)
        .qs(input)
        .loginAs(user)
        .redirects(0),
  },
  {
    name: 'POST /rooms/:id/invites',
    cases: body(['maxUses', 'expiresInDays'], formValue),
    send: (client, input, user, room) =>
      form(client, 'post', `/rooms/${room}/invites`, input).loginAs(user),
  },
  {
    name: 'GET /register?invite and GET, POST /invite/:token',
    cases: fc.tuple(fc.constantFrom('register', 'show', 'accept'), fc.string({ maxLength: 200 })),
    send: (client, [action, token], user) =>
      action === 'register'
        ? client.get('/register').qs({ invite: token }).redirects(0)
        : action === 'show'
          ? client.get(`/invite/${pathSegment(token || 'x')}`).redirects(0)
          : client
              .post(`/invite/${pathSegment(token || 'x')}`)
              .withCsrfToken()
              .header('referer', REFERER)
              .redirects(0)
              .loginAs(user),
  },
  {
    name: 'POST and DELETE /api/v1/rooms/:id/invites',
    cases: fc.tuple(
      fc.constantFrom('post', 'delete'),
      idValue,
      body(['maxUses', 'expiresInDays'], jsonValue)
    ),
    send: (client, [method, id, input], user, room) =>
      method === 'post'
        ? client.post(`/api/v1/rooms/${room}/invites`).json(input).withGuard('api').loginAs(user)
        : client
            .delete(`/api/v1/rooms/${room}/invites/${pathSegment(id)}`)
            .withGuard('api')
            .loginAs(user),
  },
  {
    name: 'PUT /account/password',
    cases: body(['currentPassword', 'password', 'passwordConfirmation'], formValue),
    send: (client, input, user) =>
      client
        .put('/account/password')
        .withCsrfToken()
        .header('referer', REFERER)
        .form(input)
        .redirects(0)
        .loginAs(user),
  },
  {
    name: 'DELETE /account',
    cases: body(['deletePassword'], formValue),
    send: (client, input, user) =>
      client
        .delete('/account')
        .withCsrfToken()
        .header('referer', REFERER)
        .form(input)
        .redirects(0)
        .loginAs(user),
  },
  {
    name: 'DELETE /account/sessions/:key and /account/tokens/:id',
    cases: fc.tuple(fc.constantFrom('sessions', 'tokens'), idValue),
    send: (client, [kind, id], user) =>
      client
        .delete(`/account/${kind}/${pathSegment(id)}`)
        .withCsrfToken()
        .header('referer', REFERER)
        .redirects(0)
        .loginAs(user),
  },
  {
    name: 'PUT /api/v1/account/password and DELETE /api/v1/account',
    cases: fc.tuple(
      fc.constantFrom('password', 'delete'),
      body(['currentPassword', 'password', 'passwordConfirmation'], jsonValue)
    ),
    send: (client, [action, input], user) =>
      action === 'password'
        ? client.put('/api/v1/account/password').json(input).withGuard('api').loginAs(user)
        : client.delete('/api/v1/account').json(input).withGuard('api').loginAs(user),
  },
  {
    name: 'DELETE /api/v1/account/sessions/:key and /api/v1/account/tokens/:id',
    cases: fc.tuple(fc.constantFrom('sessions', 'tokens'), idValue),
    send: (client, [kind, id], user) =>
      client
        .delete(`/api/v1/account/${kind}/${pathSegment(id)}`)
        .withGuard('api')
        .loginAs(user),
  },
  {
    name: 'POST /api/v1/auth/tokens',
    runs: 80,
    cases: body(['username', 'password'], jsonValue),
    send: (client, input) => client.post('/api/v1/auth/tokens').json(input),
  },
  {
    name: 'POST /api/v1/rooms',
    cases: body(['name', 'description', 'visibility'], jsonValue),
    send: (client, input, user) =>
      client.post('/api/v1/rooms').withGuard('api').loginAs(user).json(input),
  },
  {
    name: 'GET /api/v1/rooms?q&page',
    cases: query(['q', 'page']),
    send: (client, input, user) =>
      client.get('/api/v1/rooms').qs(input).withGuard('api').loginAs(user),
  },
  {
    name: 'GET and DELETE /api/v1/rooms/:id',
    cases: fc.tuple(fc.constantFrom('get', 'delete'), idValue),
    send: (client, [method, id], user) =>
      client[method as 'get' | 'delete'](`/api/v1/rooms/${pathSegment(id)}`)
        .withGuard('api')
        .loginAs(user),
  },
  {
    name: 'POST /rooms/:id/members',
    cases: body(['username'], formValue),
    send: (client, input, user, _room, privateRoom) =>
      form(client, 'post', `/rooms/${privateRoom}/members`, input).loginAs(user),
  },
  {
    name: 'DELETE /rooms/:id/members/:userId',
    cases: idValue,
    send: (client, id, user, _room, privateRoom) =>
      client
        .delete(`/rooms/${privateRoom}/members/${pathSegment(id)}`)
        .withCsrfToken()
        .header('referer', REFERER)
        .loginAs(user)
        .redirects(0),
    backIsSuccess: () => true,
  },
  {
    name: 'POST /rooms/:id/read',
    cases: body(['seq'], jsonValue),
    send: (client, input, user, room) =>
      client.post(`/rooms/${room}/read`).withCsrfToken().json(input).loginAs(user),
  },
  {
    name: 'GET /search?q&room&page&perPage',
    cases: query(['q', 'room', 'page', 'perPage']),
    send: (client, input, user) => client.get('/search').qs(input).loginAs(user),
  },
  {
    name: 'GET /rooms/:id/messages/:seq',
    cases: fc.tuple(idValue, idValue),
    send: (client, [id, seq], user) =>
      client.get(`/rooms/${pathSegment(id)}/messages/${pathSegment(seq)}`).loginAs(user),
  },
  {
    name: 'GET /api/v1/search?q&room&page&perPage',
    cases: query(['q', 'room', 'page', 'perPage']),
    send: (client, input, user) =>
      client.get('/api/v1/search').qs(input).withGuard('api').loginAs(user),
  },
  {
    name: 'GET /api/v1/rooms/:id/messages?since&before&limit',
    cases: fc.tuple(fc.option(idValue), query(['since', 'before', 'limit'])),
    send: (client, [id, input], user, room) =>
      client
        .get(`/api/v1/rooms/${id === null ? room : pathSegment(id)}/messages`)
        .qs(input)
        .withGuard('api')
        .loginAs(user),
  },
  {
    name: 'POST /api/v1/rooms/:id/messages with Idempotency-Key',
    cases: fc.tuple(fc.option(headerValue), body(['text'], jsonValue)),
    send: (client, [key, input], user, room) => {
      const request = client.post(`/api/v1/rooms/${room}/messages`)
      if (key !== null) request.header('Idempotency-Key', key)
      return request.json(input).withGuard('api').loginAs(user)
    },
  },
  {
    name: 'PATCH and DELETE /api/v1/rooms/:id/messages/:seq',
    cases: fc.tuple(
      fc.constantFrom('patch', 'delete'),
      idValue,
      body(['text', 'client_id'], jsonValue)
    ),
    send: (client, [method, seq, input], user, room) =>
      client[method as 'patch' | 'delete'](`/api/v1/rooms/${room}/messages/${pathSegment(seq)}`)
        .json(input)
        .withGuard('api')
        .loginAs(user),
  },
  {
    name: 'PUT /api/v1/rooms/:id/read',
    cases: fc.tuple(idValue, body(['seq'], jsonValue)),
    send: (client, [id, input], user) =>
      client
        .put(`/api/v1/rooms/${pathSegment(id)}/read`)
        .json(input)
        .withGuard('api')
        .loginAs(user),
  },
  {
    name: 'POST and DELETE /api/v1/rooms/:id/members',
    cases: fc.tuple(fc.constantFrom('post', 'delete'), idValue, body(['username'], jsonValue)),
    send: (client, [method, id, input], user, _room, privateRoom) =>
      method === 'post'
        ? client
            .post(`/api/v1/rooms/${privateRoom}/members`)
            .json(input)
            .withGuard('api')
            .loginAs(user)
        : client
            .delete(`/api/v1/rooms/${privateRoom}/members/${pathSegment(id)}`)
            .withGuard('api')
            .loginAs(user),
  },
  {
    name: 'POST /direct',
    cases: body(['usernames', 'people'], formValue),
    send: (client, input, user) => form(client, 'post', '/direct', input).loginAs(user),
  },
  {
    name: 'POST /api/v1/direct',
    cases: body(['usernames'], fc.oneof(jsonValue, fc.array(jsonValue, { maxLength: 20 }))),
    send: (client, input, user) =>
      client.post('/api/v1/direct').json(input).withGuard('api').loginAs(user),
  },
  {
    name: 'GET /people/:username and /api/v1/people/:username',
    cases: fc.tuple(fc.boolean(), idValue),
    send: (client, [api, name], user) =>
      api
        ? client
            .get(`/api/v1/people/${pathSegment(name)}`)
            .withGuard('api')
            .loginAs(user)
        : client.get(`/people/${pathSegment(name)}`).loginAs(user),
  },
  {
    name: 'GET /presence?ids',
    cases: query(['ids']),
    send: (client, input, user) =>
      client.get('/presence').qs(input).header('accept', 'application/json').loginAs(user),
  },
  {
    name: 'PUT /account/profile',
    cases: body(['displayName'], formValue),
    send: (client, input, user) =>
      client
        .put('/account/profile')
        .withCsrfToken()
        .header('referer', REFERER)
        .form(input)
        .loginAs(user)
        .redirects(0),
  },
  {
    name: 'PUT /account/time-zone and /api/v1/account/profile',
    cases: fc.tuple(fc.boolean(), body(['timeZone', 'displayName'], jsonValue)),
    send: (client, [api, input], user) =>
      api
        ? client.put('/api/v1/account/profile').json(input).withGuard('api').loginAs(user)
        : client
            .put('/account/time-zone')
            .withCsrfToken()
            .header('accept', 'application/json')
            .json(input)
            .loginAs(user),
  },
  {
    name: 'POST and DELETE /push/subscriptions',
    cases: fc.tuple(
      fc.constantFrom('post', 'delete'),
      body(
        ['endpoint', 'keys'],
        fc.oneof(
          jsonValue,
          textUpTo(2_000).map((path) => `http://127.0.0.1:9/${path}`),
          fc.record(
            { p256dh: fc.oneof(jsonValue, fc.base64String()), auth: jsonValue },
            { requiredKeys: [] }
          )
        )
      )
    ),
    send: (client, [method, input], user) =>
      client[method as 'post' | 'delete']('/push/subscriptions')
        .withCsrfToken()
        .header('accept', 'application/json')
        .json(input)
        .loginAs(user),
  },
  {
    name: 'POST /api/v1/rooms/:id/webhooks',
    runs: 80,
    cases: body(
      ['direction', 'name', 'url'],
      fc.oneof(
        jsonValue,
        fc.constantFrom('incoming', 'outgoing'),
        textUpTo(2_000).map((path) => `http://127.0.0.1:9/${path}`)
      )
    ),
    send: (client, input, user, room) =>
      client.post(`/api/v1/rooms/${room}/webhooks`).json(input).withGuard('api').loginAs(user),
  },
  {
    name: 'POST /api/v1/hooks/:token',
    runs: 80,
    cases: fc.tuple(idValue, body(['text', 'client_id'], jsonValue)),
    send: (client, [token, input]) =>
      client.post(`/api/v1/hooks/${pathSegment(token)}`).json(input),
  },
  {
    name: 'POST /api/v1/rooms/:id/mutes and /pins',
    runs: 80,
    cases: fc.tuple(
      fc.constantFrom('mutes', 'pins', 'moderators'),
      body(['username', 'minutes', 'seq', 'client_id'], jsonValue)
    ),
    send: (client, [what, input], user, room) =>
      client.post(`/api/v1/rooms/${room}/${what}`).json(input).withGuard('api').loginAs(user),
  },
  {
    name: 'GET /notifications/unread',
    cases: query(['room', 'since']),
    send: (client, input, user) =>
      client
        .get('/notifications/unread')
        .qs(input)
        .header('accept', 'application/json')
        .loginAs(user),
  },
]

fuzzEndpoints('Security: every form and JSON endpoint fuzzed with fast-check', endpoints)
