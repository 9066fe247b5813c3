"""``python -m tui``: the same as the ``byline`` command."""

import sys

from tui.cli import main

if __name__ == "__main__":  # worker processes import this module too (as __mp_main__)
    sys.exit(main())
