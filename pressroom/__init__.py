"""pressroom: partner press releases in, trustworthy feeds out."""

__version__ = "0.1.0"  # the package's version (pyproject.toml reads it from here)

HOME_PAGE = "https://github.com/pressroom-news/pressroom"
