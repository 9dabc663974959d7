/**
 * ioredis connection options from a redis:// or rediss:// URL. Without the
 * CLIENT SETINFO step (`disableClientInfo`), the handshake sends its INFO
 * check at once: a SUBSCRIBE written during the handshake then cannot come
 * before it, fail it and drop the connection (ioredis#2037)
 */
export function redisOptionsFromUrl(url: string) {
  const parsed = new URL(url)
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 6379,
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    disableClientInfo: true,
  }
}
