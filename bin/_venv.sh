# Sourced by bin/serve and bin/test: make .venv and install requirements into
# it when they changed since the last install.
VENV="${VENV:-.venv}"
PY="$VENV/bin/python"
REQS="${REQS:-requirements.txt}"
if [ ! -x "$PY" ]; then
  python3.11 -m venv "$VENV" 2>/dev/null || python3 -m venv "$VENV"
fi
# shellcheck disable=SC2086 (REQS may name several files)
stamp="$VENV/.installed-$(cat $REQS | sha256sum | cut -c1-16)"
if [ ! -e "$stamp" ]; then
  "$PY" -m pip install --quiet --disable-pip-version-check --upgrade pip
  for r in $REQS; do "$PY" -m pip install --quiet --disable-pip-version-check -r "$r"; done
  touch "$stamp"
fi
