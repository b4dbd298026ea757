"""pressroom: partner press releases in, trustworthy feeds out."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("pressroom")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

HOME_PAGE = "https://github.com/pressroom-news/pressroom"
