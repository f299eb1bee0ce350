"""Parsers and normalisation: raw documents in, records out. Pure: no network, no database."""
