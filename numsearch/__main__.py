"""`python -m numsearch` runs the command-line tool."""

from numsearch.cli import main

main()
