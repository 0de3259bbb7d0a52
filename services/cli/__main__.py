"""`python -m services.cli` is the `crimefeed` command."""

import sys

from services.cli import main

sys.exit(main())
