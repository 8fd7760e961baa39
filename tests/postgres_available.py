"""Exit 0 when the PostgreSQL server of a database URL answers, 1 otherwise."""

import sys

import psycopg


def main(url):
    # Connect to the server's own database: the test database may not exist yet.
    server = url.rsplit("/", 1)[0] + "/postgres"
    try:
        psycopg.connect(
            server.replace("postgres://", "postgresql://", 1), connect_timeout=3
        ).close()
    except psycopg.OperationalError:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
