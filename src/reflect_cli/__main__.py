"""Allow ``python -m reflect_cli``."""

from reflect_cli.cli import main

if __name__ == "__main__":
    main()
