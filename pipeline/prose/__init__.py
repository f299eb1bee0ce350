"""Prose documents (news articles, press releases): article text, organisations, relationships, money."""
