"""``python -m cli``: the ``mljobs`` command."""

import sys

from cli.main import main

sys.exit(main())
