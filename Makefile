# Parley: `make run` starts the app, `make test` proves it. Both install what is missing.
SHELL := /bin/bash
PYTHON ?= python3
# uv from PATH if there is one, else a private copy bootstrapped with pip into .tools/.
UV := $(shell command -v uv 2>/dev/null || echo $(CURDIR)/.tools/bin/uv)
VENV := backend/.venv
PY := $(VENV)/bin/python
FRONTEND_SOURCES := $(shell find frontend/src frontend/public -type f 2>/dev/null) \
	frontend/index.html frontend/vite.config.ts frontend/package.json

.PHONY: run test install lint typecheck backend-test frontend-check e2e openapi clean

run: install frontend/dist/index.html
	$(PY) -m parley serve

install: $(VENV)/.synced frontend/node_modules/.installed

$(CURDIR)/.tools/bin/uv:
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet uv

$(VENV)/.synced: backend/pyproject.toml backend/uv.lock | $(UV)
	cd backend && $(UV) sync --frozen
	touch $@

frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	touch $@

frontend/dist/index.html: frontend/node_modules/.installed $(FRONTEND_SOURCES)
	cd frontend && npm run build

openapi: $(VENV)/.synced frontend/node_modules/.installed
	$(PY) -m parley openapi frontend/openapi.json
	$(PY) -m parley protocol frontend/protocol.json
	cd frontend && npm run gen:api && npm run gen:protocol

test: install lint typecheck backend-test frontend-check frontend/dist/index.html e2e

lint: $(VENV)/.synced
	cd backend && .venv/bin/ruff check . && .venv/bin/ruff format --check .
	cd backend && .venv/bin/lint-imports
	cd e2e && ../backend/.venv/bin/ruff check . && ../backend/.venv/bin/ruff format --check .

typecheck: $(VENV)/.synced
	cd backend && .venv/bin/mypy

backend-test: $(VENV)/.synced
	cd backend && .venv/bin/python -m pytest -q

frontend-check: frontend/node_modules/.installed
	cd frontend && npm run lint && npm run typecheck && npm run test && npm run check:api

e2e: $(VENV)/.synced frontend/dist/index.html
	$(PY) -m pytest e2e -q

clean:
	rm -rf .tools $(VENV) frontend/node_modules frontend/dist
