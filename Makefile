# Two commands for a newcomer: `make start` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
VAR := $(CURDIR)/var
HOST ?= 127.0.0.1
PORT ?= 8080
SMTP_PORT ?= 8025
INSTANCE := $(VAR)/instance

.PHONY: help install system-packages instance site start stop-sink test \
	test-buildout test-cluster start-cluster bench lint i18n clean

help:
	@echo "make start          install everything, create the demo site, serve it on http://$(HOST):$(PORT)/urad"
	@echo "make stop-sink      stop the demo's SMTP sink that make start leaves running"
	@echo "make test           install what the tests need and run them all (cluster tests included)"
	@echo "make test-cluster   only the RelStorage cluster tests (PostgreSQL on 127.0.0.1:5432)"
	@echo "make test-buildout  build an instance with buildout from the same pins and check it"
	@echo "make start-cluster  two instances on RelStorage behind the project's balancer"
	@echo "make bench          benchmarks against plain Plone (see docs/benchmarks.md)"
	@echo "make lint           ruff over src, tests and scripts"
	@echo "make i18n           merge the translation fragments into the Czech catalog"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -U pip==26.3 wheel==0.48.0 setuptools==84.2.1

$(VENV)/.installed: $(BIN)/python setup.py constraints.txt
	$(BIN)/pip install -q -c constraints.txt -e ".[test,cluster]"
	touch $@

install: $(VENV)/.installed i18n

system-packages:
	bash scripts/install-system-packages.sh

i18n:
	bash scripts/i18n.sh

instance: install
	$(BIN)/python scripts/make_instance.py $(VAR)

site: instance
	SMTP_PORT=$(SMTP_PORT) $(BIN)/zconsole run $(INSTANCE)/etc/zope.conf scripts/create_site.py

start: system-packages site
	@bash scripts/start-sink.sh $(VAR) $(SMTP_PORT)
	@bash scripts/banner.sh $(HOST) $(PORT) $(SMTP_PORT)
	$(BIN)/runwsgi $(INSTANCE)/etc/zope.ini

stop-sink:
	@bash scripts/start-sink.sh $(VAR) $(SMTP_PORT) stop

test: system-packages install
	bash scripts/ensure-postgres.sh
	bash scripts/run-tests.sh

test-buildout: system-packages
	bash scripts/test-buildout.sh

start-cluster: system-packages install
	bash scripts/ensure-postgres.sh
	bash scripts/start_cluster.sh

test-cluster: system-packages install
	bash scripts/ensure-postgres.sh
	$(BIN)/pytest -m cluster tests/cluster

bench: system-packages install
	$(BIN)/python scripts/bench.py

lint:
	$(BIN)/ruff check src tests scripts

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
