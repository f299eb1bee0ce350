"""Scrapy spiders: fetch and yield raw documents. One base class per access pattern."""
