# shellcheck shell=bash
# Shared helpers for scripts/run, scripts/test and scripts/pg. Source it; it defines functions only.

# Prints a line to stderr, prefixed so it stands out from dotnet's output.
say() {
  printf '==> %s\n' "$*" >&2
}

is_root() {
  [ "$(id -u)" = "0" ]
}

# The bin directory of the highest PostgreSQL version installed the Debian way, or nothing.
pg_bin_dir() {
  local dir
  # Sort by version so that 15 wins over 9.6.
  for dir in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return 0
    fi
  done
}

# Makes sure the PostgreSQL server binaries are installed: installs them with apt-get when root, else says what to do.
pg_ensure_binaries() {
  if [ -n "$(pg_bin_dir)" ]; then
    return 0
  fi
  if is_root && command -v apt-get >/dev/null 2>&1; then
    say "PostgreSQL server binaries not found; installing the 'postgresql' package with apt-get."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  fi
  if [ -z "$(pg_bin_dir)" ]; then
    say "PostgreSQL server binaries are needed under /usr/lib/postgresql/<version>/bin."
    say "Install them (Debian/Ubuntu: sudo apt-get install postgresql), or point the app at a server of your own."
    return 1
  fi
}

# Runs a command as the server's owner: PostgreSQL refuses to run as root, so root hands over to 'postgres', from /
# since it may not be allowed into the current directory (every path given is absolute).
pg_as_owner() {
  if is_root; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

# pg_start HOME PORT: initialises HOME/data on first use, starts the server on 127.0.0.1:PORT (socket in HOME) unless
# it already runs, and waits until it accepts connections. Data survives restarts.
pg_start() {
  local home="$1" port="$2" bin
  bin="$(pg_bin_dir)"
  mkdir -p "$home"
  if is_root; then
    chown postgres:postgres "$home"
  fi
  if [ ! -f "$home/data/PG_VERSION" ]; then
    say "Initialising a private PostgreSQL in $home/data."
    pg_as_owner "$bin/initdb" -D "$home/data" -A trust -U postgres -E UTF8 --no-locale >"$home/initdb.log" 2>&1 || {
      cat "$home/initdb.log" >&2
      return 1
    }
  fi
  if pg_as_owner "$bin/pg_ctl" status -D "$home/data" >/dev/null 2>&1; then
    say "PostgreSQL already running from $home/data."
    return 0
  fi
  # Unix sockets have a short path limit (107 bytes); fall back to TCP only when the home is nested too deeply.
  local socket_dir="$home"
  if [ "${#home}" -gt 80 ]; then
    socket_dir="/tmp"
  fi
  say "Starting PostgreSQL on 127.0.0.1:$port."
  pg_as_owner "$bin/pg_ctl" start -w -t 60 -D "$home/data" -l "$home/server.log" \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $socket_dir" >/dev/null || {
    say "PostgreSQL did not start; the end of $home/server.log:"
    tail -n 20 "$home/server.log" >&2 || true
    return 1
  }
}

# pg_stop HOME: stops the server started by pg_start, if it runs.
pg_stop() {
  local home="$1" bin
  bin="$(pg_bin_dir)"
  if [ -n "$bin" ] && [ -f "$home/data/PG_VERSION" ] && pg_as_owner "$bin/pg_ctl" status -D "$home/data" >/dev/null 2>&1; then
    say "Stopping PostgreSQL ($home/data)."
    pg_as_owner "$bin/pg_ctl" stop -w -m fast -D "$home/data" >/dev/null
  fi
}

# pg_ensure_database PORT NAME: creates the database unless it exists.
pg_ensure_database() {
  local port="$1" name="$2" bin
  bin="$(pg_bin_dir)"
  if ! "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1; then
    "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$name"
  fi
}

# pg_connection_string PORT NAME: the Npgsql connection string for the private server.
pg_connection_string() {
  printf 'Host=127.0.0.1;Port=%s;Database=%s;Username=postgres\n' "$1" "$2"
}

# pg_reachable_home WANTED: prints WANTED, or, when root and the 'postgres' user cannot reach it (a repository under a
# private home such as /root, or a mktemp directory), a directory of its own under the postgres user's home instead,
# named after WANTED so that two clones never share (or fight over) one database.
pg_reachable_home() {
  local wanted="$1" parent
  if ! is_root; then
    echo "$wanted"
    return 0
  fi
  parent="$(dirname "$wanted")"
  mkdir -p "$parent"
  if runuser -u postgres -- test -x "$parent"; then
    echo "$wanted"
  else
    local fallback
    fallback="$(getent passwd postgres | cut -d: -f6)/activity-dashboard-$(printf '%s' "$wanted" | sha256sum | cut -c1-12)"
    say "The postgres user cannot reach $parent; keeping this clone's demo database in $fallback instead."
    echo "$fallback"
  fi
}
