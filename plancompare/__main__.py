"""Allow ``python -m plancompare``."""

from plancompare.cli.main import main

# Guarded: worker processes started with "spawn" import this module again, and must not run the CLI.
if __name__ == "__main__":
    main()
