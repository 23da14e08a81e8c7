"""`python -m leaklint` is the `leaklint` command."""
import sys

from leaklint.cli import main

sys.exit(main())
