"""``python -m tui``: the same as the ``byline`` command."""

import sys

from .cli import main

sys.exit(main())
