"""``python -m diplonet`` runs the command line."""

from .cli import main

main()
