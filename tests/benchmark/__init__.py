"""Measurements of speed and page weight (`make bench`, `make lighthouse`): not part of `make test`."""
