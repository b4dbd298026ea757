"""Scrapy spiders, one per page shape; installed as `pressroom.spiders`."""
