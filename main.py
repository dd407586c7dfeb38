"""Double-click entry point: starts the OptStudio window (see README.md)."""

import sys

from optstudio.gui.app import main

if __name__ == "__main__":
    sys.exit(main())
