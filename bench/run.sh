#!/bin/sh
# npm run bench [-- --quick]: raises the open-file limit to the hard limit
# (10,000 sockets on each side of the connection scenario), then runs the bench.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
exec node --import @poppinss/ts-exec bench/run.ts "$@"
