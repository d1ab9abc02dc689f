"""Allow ``python -m reflect_cli``."""

from reflect_cli.cli.app import main

if __name__ == "__main__":
    main()
