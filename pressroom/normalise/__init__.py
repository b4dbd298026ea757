"""Normalisers: small pure functions from page text to dates, quotes, contacts and events."""
