# Shortcuts for ./run.sh (which needs nothing but a POSIX shell and Python 3.11).
.PHONY: site test bench setup serve golden
site test setup serve:
	./run.sh $@
# 500 articles, then all 2,225: the time per article should stay flat.
bench:
	./run.sh bench --limit 500
	./run.sh bench
golden:
	./run.sh test tests/test_golden.py --update-golden
# The site at scale: builds 5,000 briefings from ../shared/bench/bbc, reports build time,
# site size and the time from typing a query to the first result in Chromium.
.PHONY: bench-search test-browser
bench-search:
	./run.sh setup
	.venv/bin/python bench/search_bench.py
# The browser tests alone (Debian's Chromium through Playwright; skipped without it).
test-browser:
	./run.sh test -m browser tests/test_site_browser.py
