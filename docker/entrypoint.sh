#!/bin/sh
# Entrypoint of the roomchat images: with MIGRATE_ON_START=true, applies pending
# migrations first (once per container start; keep it on a single container,
# or use the one-shot `migrate` service), then runs the command
# (default: node bin/server.js).
set -eu

if [ "${MIGRATE_ON_START:-false}" = "true" ]; then
  node ace migration:run --force
fi

exec "$@"
