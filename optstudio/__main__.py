"""``python -m optstudio …`` runs the command line (see the :mod:`optstudio.cli` package)."""

import sys

from optstudio.cli import main

if __name__ == "__main__":
    sys.exit(main())
