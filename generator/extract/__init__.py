"""Extractors: pure functions from a parsed article to records. Each is total:
any text in, records out, never an exception."""
