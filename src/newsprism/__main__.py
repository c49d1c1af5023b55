"""``python -m newsprism``: the same command as ``newsprism``."""

import sys

from .cli import main

sys.exit(main())
