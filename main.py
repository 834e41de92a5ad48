"""Start wjself (the window, or a subcommand): the same as the ``wjself`` command."""

import sys

from wjself.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
