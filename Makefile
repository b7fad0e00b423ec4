# Two commands: `make demo` and `make test`. Everything installs into .venv from requirements.lock.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
export FAZHI_VAR_DIR ?= $(CURDIR)/var
# The demo is seen from 2020年2月20日 (annual report season, 2019 closed): docs/decisions/0055. Empty = the real date.
DEMO_TODAY ?= 2020-02-20
# gthread, 2 processes × 8 threads: the best of the configurations measured with 32 clients (bench/bench_http.py,
# bench/results/http_load_*.md, docs/decisions/0079); one process per CPU, threads to overlap database waits.
GUNICORN_WORKERS ?= --workers 2 --worker-class gthread --threads 8

.PHONY: demo test lint format e2e install serve migrate bench clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# XStatic-Bootstrap ships only an sdist whose setup.py needs pkg_resources (setuptools < 81).
	$(BIN)/python -m pip install --quiet "setuptools>=64,<81" wheel
	$(BIN)/python -m pip install --quiet --no-build-isolation -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-build-isolation --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

var/secret_key:
	mkdir -p var
	$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > var/secret_key

migrate: install
	mkdir -p var
	$(BIN)/fazhi migrate --noinput

demo: export FAZHI_TODAY = $(DEMO_TODAY)
demo: install var/secret_key migrate
	$(BIN)/fazhi load_demo
	$(BIN)/fazhi collectstatic --noinput --verbosity 0
	@echo ""
	@echo "法治平台演示：http://$(HOST):$(PORT)/  （登录账号见 README，演示密码：fazhi-demo-2019）"
	@echo "系统日期固定为 $(DEMO_TODAY)（FAZHI_TODAY；make demo DEMO_TODAY= 按真实日期）"
	@echo "admin、supervisor 登录还须输入动态口令：演示密钥 MZQXU2DJFVSGK3LPFV2G65DQFUZDAMJZ，或运行 $(BIN)/fazhi demo_totp"
	FAZHI_SECRET_KEY="$$(cat var/secret_key)" $(BIN)/gunicorn fazhi.wsgi:application --bind $(HOST):$(PORT) $(GUNICORN_WORKERS) --access-logfile -

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# One worker per CPU, each with its own test database kept between runs; fazhi/conftest.py re-creates a
# worker's database when a migration changed.
test: install lint
	mkdir -p var
	$(BIN)/fazhi makemigrations --check --dry-run
	$(BIN)/pytest -n auto --reuse-db

e2e: install
	$(BIN)/pytest e2e -p no:cacheprovider -p no:django --rootdir e2e

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) var
