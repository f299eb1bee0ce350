"""Prefect flows and the procwatch command line: crawl -> parse -> load -> publish -> export."""
