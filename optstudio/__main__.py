"""``python -m optstudio …`` runs the command line (see :mod:`optstudio.cli`)."""

import sys

from optstudio.cli import main

sys.exit(main())
