"""``python -m wjself`` runs the same as the ``wjself`` command."""

import sys

from wjself.cli.main import main

sys.exit(main())
