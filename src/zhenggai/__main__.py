"""`python -m zhenggai`."""

from zhenggai.cli.app import main

main()
