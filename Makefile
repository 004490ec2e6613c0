# Two commands on a fresh machine: `make run` (Duban on its embedded defaults) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export DUBAN_TEST_POSTGRES_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test

.PHONY: run test lint postgres browser office bench

$(BIN)/duban: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

run: $(BIN)/duban
	$(BIN)/duban run

# PostgreSQL runs at 127.0.0.1:5432 on this kind of machine; start the local cluster if it is down.
postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 || { \
	  pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start && \
	  for i in $$(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done; }

# The console's tests drive Debian's Chromium (browsers cannot be downloaded by playwright install here).
# nginx-light: the reverse proxy of the deploy and multi-process tests (deploy/nginx/duban.conf).
browser:
	@command -v chromium >/dev/null && { command -v nginx >/dev/null || test -x /usr/sbin/nginx; } || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium nginx-light >/dev/null; }

# LibreOffice (soffice --headless), installed when missing: .doc / .wps / .xls / .et plans are converted
# by it, the tests make PDFs and .doc files with it, and the bulletin's test renders its .docx to PDF.
office:
	@command -v soffice >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-writer-nogui libreoffice-calc-nogui >/dev/null; }

lint: $(BIN)/duban
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

# The unit tests run on the editable checkout; the wheel smoke installs the built wheel into a fresh
# environment outside the tree and runs `duban` there, as an office installs it.
test: $(BIN)/duban postgres browser office lint
	$(BIN)/python -m pytest
	PYTHON=$(PYTHON) .ci/wheel-smoke

bench: $(BIN)/duban
	$(BIN)/python bench/parse.py
	$(BIN)/python bench/fidelity.py
	$(BIN)/python bench/resolve.py
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/reminders.py
	$(BIN)/python bench/understand.py
	$(BIN)/python bench/broadcast.py
	$(BIN)/python bench/web.py
	$(BIN)/python bench/replicas.py
	$(BIN)/python bench/bulletin.py
