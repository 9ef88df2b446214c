#!/usr/bin/env bash
# Gives the integration tests an empty database on the local PostgreSQL and MariaDB:
# user gatehouse / password gatehouse, database gatehouse_it (dropped and created afresh), and on
# PostgreSQL also gatehouse_cluster, which the two-node cluster tests share.
set -euo pipefail

wait_for() { # name, command
  for _ in $(seq 1 30); do
    if eval "$2" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  echo "$1 is not reachable; start it (see README, 'Running the tests')." >&2
  return 1
}

wait_for PostgreSQL "psql -h 127.0.0.1 -U postgres -d postgres -Atc 'select 1'"
psql -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 -q <<'SQL'
DROP DATABASE IF EXISTS gatehouse_it WITH (FORCE);
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'gatehouse') THEN
    CREATE ROLE gatehouse LOGIN PASSWORD 'gatehouse';
  END IF;
END $$;
CREATE DATABASE gatehouse_it OWNER gatehouse ENCODING 'UTF8';
DROP DATABASE IF EXISTS gatehouse_cluster WITH (FORCE);
CREATE DATABASE gatehouse_cluster OWNER gatehouse ENCODING 'UTF8';
SQL

wait_for MariaDB "mariadb -h 127.0.0.1 -P 3306 -u root -e 'select 1'"
mariadb -h 127.0.0.1 -P 3306 -u root <<'SQL'
DROP DATABASE IF EXISTS gatehouse_it;
CREATE DATABASE gatehouse_it CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'gatehouse'@'%' IDENTIFIED BY 'gatehouse';
CREATE USER IF NOT EXISTS 'gatehouse'@'localhost' IDENTIFIED BY 'gatehouse';
GRANT ALL PRIVILEGES ON gatehouse_it.* TO 'gatehouse'@'%';
GRANT ALL PRIVILEGES ON gatehouse_it.* TO 'gatehouse'@'localhost';
FLUSH PRIVILEGES;
SQL
echo "PostgreSQL and MariaDB: empty database gatehouse_it ready (and gatehouse_cluster on PostgreSQL)."
