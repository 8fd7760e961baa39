# The two commands of the README: `make run` and `make test`. CI calls `make test` too.
VENV   := .venv
PY     := $(VENV)/bin/python
HOST   ?= 127.0.0.1
PORT   ?= 8000
PYTHON ?= $(shell command -v python3.11 || command -v python3)
# Where `make run` keeps its database, uploads and caches (cms/settings/base.py reads it too).
VAR    := $(or $(KEPU_VAR_DIR),var)
# The PostgreSQL the tests use when it is reachable (CI makes it required).
TEST_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/kepu

.PHONY: run test test-sqlite test-postgres prod-smoke bench-prod install install-dev lock messages translations lint format bench bench-media bench-queue bench-http bench-lighthouse bench-search search-eval screenshots clean

# Two stamps: what the site needs to run (requirements.txt: `make run`), and on top of
# it the tools to test, lint and measure it (requirements-dev.txt: the "dev" extras at
# the same versions, several hundred MB: pytest, Playwright, moto, ruff…), installed by
# the targets that use them. Either order installs only what is missing. Both are locks
# (every package pinned, every file hashed: `make lock`), installed by plain pip, which
# refuses anything unpinned or with another hash; the project itself adds no package.
$(VENV)/.runtime: requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.txt
	touch $@

# Re-lock after changing the dependencies in pyproject.toml: resolved for Python 3.11 on
# any platform, keeping every pin that still fits (upgrading is deliberate:
# `make lock LOCK_ARGS=--upgrade`, or `LOCK_ARGS="--upgrade-package wagtail"`; see
# docs/operators.md, "Dependencies"). The dev lock is held to the runtime lock's versions.
LOCK_ARGS ?=
LOCK = $(VENV)/bin/uv pip compile pyproject.toml --universal --python-version 3.11 \
	--generate-hashes --custom-compile-command "make lock" --quiet $(LOCK_ARGS)
lock: install-dev
	$(LOCK) -o requirements.txt
	$(LOCK) --extra dev --constraint requirements.txt -o requirements-dev.txt

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

# Compile the site's catalogues (locale/*.po -> .mo); needs gettext's msgfmt.
messages: install
	$(PY) manage.py compilemessages --ignore ".venv/*" --ignore "var/*" --verbosity 0

# The address in the site's links (canonical, feeds, sitemap, API, oEmbed), which
# setup_site gives the Site record: HOST and PORT, except that HOST=0.0.0.0 (listen on
# every interface, to try the site from a phone) puts this machine's LAN address there,
# which the phone can open (cms/dev_server.py). An exported KEPU_BASE_URL wins.
run: export KEPU_BASE_URL ?= $(shell $(PYTHON) cms/dev_server.py $(HOST) $(PORT))
run: export KEPU_LISTEN_HOST = $(HOST)
run: messages
	mkdir -p $(VAR)
	$(PY) manage.py migrate --no-input --verbosity 0
	@# Its report goes to a file: the console keeps the server's lines and the accounts.
	$(PY) manage.py seed_demo > $(VAR)/seed-demo.log
	@# Beside the server: the scheduler (scheduled publishing and expiry) and two task
	@# workers, one per queue: "default" (search indexing, cache purges) never waits
	@# behind "media" (transcodes, renditions). All stop with the server. The workers
	@# say nothing unless a task fails (--verbosity 0). Last, once the server answers:
	@# the address and the demo accounts (demo_accounts).
	$(PY) manage.py run_scheduler --with-parent & S=$$!; \
	$(PY) manage.py run_worker --verbosity 0 --queue-name default & W=$$!; \
	$(PY) manage.py run_worker --verbosity 0 --queue-name media & M=$$!; \
	$(PY) manage.py demo_accounts --wait $(HOST):$(PORT) & A=$$!; \
	trap "kill $$S $$W $$M $$A 2>/dev/null" EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

# The whole suite on SQLite and on PostgreSQL when it answers (required when
# KEPU_REQUIRE_POSTGRES=1, as in CI). The two run at once: they share no database, port
# or cache key (Redis keys carry the process id), and much of each is waiting on
# browsers, servers and subprocesses: on two cores the pair took 16 minutes (SQLite's
# 12 beside PostgreSQL's 16), where CI had taken 43 with them one after the other,
# installation and the smoke suite. Each suite's output is printed whole when it ends
# (--output-sync).
test: messages install-dev
	@if $(PY) -m tests.postgres_available "$(TEST_POSTGRES_URL)"; then \
		$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgres; \
	elif [ "$$KEPU_REQUIRE_POSTGRES" = "1" ]; then \
		echo "PostgreSQL is required (KEPU_REQUIRE_POSTGRES=1) but does not answer at $(TEST_POSTGRES_URL)"; exit 1; \
	else \
		$(MAKE) --no-print-directory test-sqlite; \
		echo "PostgreSQL not reachable: ran the suite on SQLite only."; \
	fi

test-sqlite: messages install-dev
	env -u DATABASE_URL $(PY) -m pytest $(PYTEST_ARGS)

test-postgres: messages install-dev
	DATABASE_URL=$(TEST_POSTGRES_URL) $(PY) -m pytest $(PYTEST_ARGS)

# The production path on loopback: gunicorn (production settings) behind Debian's nginx
# (deploy/nginx) with PostgreSQL and Redis, demo content, and the smoke suite against it.
# Needs nginx, libnginx-mod-http-brotli-filter/-static, openssl, chromium (.ci/run installs them).
prod-smoke: messages install-dev
	KEPU_PROD_SMOKE=1 $(PY) -m pytest tests/smoke $(PYTEST_ARGS)

# Refresh locale/*.po from the code and templates (then translate the new entries).
translations: install
	$(PY) manage.py makemessages -l zh_Hans -l bo -l mn --no-location --no-obsolete \
		-i ".venv/*" -i "var/*" -i "tests/*"

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Everything `make run` made: the database, uploads and caches (var/) and .venv/.
clean:
	rm -rf var/ $(VENV)

# PNGs of the public pages (3 languages × normal, lite, large) and the editors' main
# admin screens as a 360 px phone shows them, from a server of its own on a free port
# with its own database: var/screenshots/<time>/ (and var/screenshots/latest).
screenshots: messages install-dev
	$(PY) tools/screenshots.py

# Benchmarks (figures for the issue notes, never assertions): page weight per language.
bench: messages install-dev
	mkdir -p var
	$(PY) manage.py migrate --no-input --verbosity 0
	$(PY) manage.py seed_demo > /dev/null
	$(PY) bench/page_weight.py
	$(MAKE) bench-media
	$(MAKE) bench-queue
	$(MAKE) bench-http
	$(MAKE) bench-lighthouse
	$(MAKE) bench-search
	$(MAKE) bench-prod

# Lighthouse mobile scores, 3 pages × 3 languages (lighthouse from npm, Debian chromium).
bench-lighthouse: install-dev messages
	$(PY) bench/lighthouse_bench.py

# The app under gunicorn beside a plain Wagtail site (built under var/wagtail-baseline)
# and nginx serving the same bytes, alternating rounds, with ratios (needs Debian's wrk,
# nginx). BENCH_HTTP_ARGS="--rounds 1 --seconds 3 --also bakerydemo=http://…" to change.
bench-http: install-dev messages
	mkdir -p var
	test -s var/kepu.sqlite3 || { $(PY) manage.py migrate --no-input --verbosity 0 && $(PY) manage.py seed_demo > /dev/null; }
	$(PY) bench/http_bench.py $(BENCH_HTTP_ARGS)

# Image bytes on a phone, transcoding a 1-minute 720p clip, worker memory on a 20 MP photo.
bench-media: install-dev messages
	$(PY) bench/media_bench.py

# Seconds until an unpublished page leaves search and the page cache while a 30-second
# 1080p clip transcodes: one worker per queue against one worker for both.
bench-queue: install-dev messages
	$(PY) bench/queue_lag.py

# The production stack under load: nginx micro-cache against nginx-static, and a
# 5-minute soak of mixed traffic (errors, worker memory). KEPU_SOAK_SECONDS to change.
bench-prod: install-dev messages
	$(PY) bench/prod_bench.py

# Search quality (recall@10, precision@10) against Wagtail's default, on the demo content.
search-eval: install-dev messages
	mkdir -p var
	rm -f var/eval.sqlite3
	DATABASE_URL=sqlite:///var/eval.sqlite3 $(PY) bench/search_eval.py

# Search at 10k and 100k documents, on SQLite and on PostgreSQL (throw-away databases).
BENCH_PG ?= postgres://postgres@127.0.0.1:5432/kepu_bench
bench-search: install-dev
	mkdir -p var
	for n in 10000 100000; do \
	  test -s var/corpus-$$n.jsonl || $(PY) bench/search_corpus.py $$n > var/corpus-$$n.jsonl; \
	  rm -f var/bench.sqlite3; \
	  DATABASE_URL=sqlite:///var/bench.sqlite3 $(PY) bench/search_bench.py var/corpus-$$n.jsonl || exit 1; \
	  psql "$(dir $(BENCH_PG))postgres" -qc "DROP DATABASE IF EXISTS kepu_bench" -c "CREATE DATABASE kepu_bench" || exit 1; \
	  DATABASE_URL=$(BENCH_PG) $(PY) bench/search_bench.py var/corpus-$$n.jsonl || exit 1; \
	done
