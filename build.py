"""Build the course site, preview it, measure its runtime report: python3 build.py --help."""

import sys

from coursebuild.commands import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
