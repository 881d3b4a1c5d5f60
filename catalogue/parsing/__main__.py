"""``python -m catalogue.parsing FILE``: per-part coverage of a file of records.

Also runs as a file (``python catalogue/parsing/__main__.py FILE``), with the
standard library only: no Django is imported on the way.
"""

import sys
from pathlib import Path

if not __package__:
    # Run as a file: import the package from the repository's root, not from
    # this folder (whose module names would stand in for others).
    sys.path[0] = str(Path(__file__).resolve().parents[2])

from catalogue.parsing.report import main  # noqa: E402 - after the path is set

if __name__ == "__main__":
    sys.exit(main())
