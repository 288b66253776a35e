"""Allow ``python -m plancompare``."""

from plancompare.cli import main

main()
