# Shortcuts for ./run.sh (which needs nothing but a POSIX shell and Python 3.11).
.PHONY: site test bench setup serve golden
site test bench setup serve:
	./run.sh $@
golden:
	./run.sh test tests/test_golden.py --update-golden
