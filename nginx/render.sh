#!/usr/bin/env bash
# Renders templates/default.conf.template for a native nginx (no Docker) on
# 127.0.0.1, plus a self-contained nginx.conf whose pid, logs and temp files all
# live in OUT_DIR. Start it with:
#   nginx -p OUT_DIR -c OUT_DIR/nginx.conf -g 'daemon off;'
# Environment (defaults in brackets):
#   NGINX_PORT [8080]                   port to listen on, on 127.0.0.1
#   WEB_UPSTREAM [127.0.0.1:3333]       web app servers, host:port separated by spaces or commas
#   CHAT_UPSTREAM [WEB_UPSTREAM]        chat servers (the web app in single-container mode)
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 OUT_DIR" >&2
  exit 64
fi

nginx_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
mkdir -p "$1"
out_dir=$(cd "$1" && pwd)

export NGINX_PORT="127.0.0.1:${NGINX_PORT:-8080}"
export NGINX_RESOLVER=127.0.0.1
export NGINX_ACCESS_LOG="$out_dir/logs/access.log"
export WEB_UPSTREAM="${WEB_UPSTREAM:-127.0.0.1:3333}"
export CHAT_UPSTREAM="${CHAT_UPSTREAM:-$WEB_UPSTREAM}"
export UPSTREAM_SERVER_OPTIONS=''
# shellcheck source=docker-entrypoint.d/18-upstream-servers.envsh
source "$nginx_dir/docker-entrypoint.d/18-upstream-servers.envsh"

mkdir -p "$out_dir/conf.d" "$out_dir/logs" "$out_dir/temp"
envsubst '${NGINX_PORT} ${NGINX_RESOLVER} ${WEB_SERVERS} ${CHAT_SERVERS} ${NGINX_ACCESS_LOG}' \
  <"$nginx_dir/templates/default.conf.template" >"$out_dir/conf.d/default.conf"

cat >"$out_dir/nginx.conf" <<CONF
worker_processes 1;
pid $out_dir/nginx.pid;
error_log $out_dir/logs/error.log warn;

events {
    worker_connections 1024;
}

http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log $out_dir/logs/access.log;
    sendfile on;
    keepalive_timeout 65;

    client_body_temp_path $out_dir/temp/client_body;
    proxy_temp_path $out_dir/temp/proxy;
    fastcgi_temp_path $out_dir/temp/fastcgi;
    uwsgi_temp_path $out_dir/temp/uwsgi;
    scgi_temp_path $out_dir/temp/scgi;

    include $out_dir/conf.d/*.conf;
}
CONF

echo "$out_dir/nginx.conf"
