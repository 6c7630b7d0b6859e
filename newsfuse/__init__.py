"""newsfuse: turn a pile of news articles about the same events into stories a professional can trust."""

import logging

__version__ = "0.1.0"

# The library is silent unless the application configures logging.
logging.getLogger(__name__).addHandler(logging.NullHandler())
