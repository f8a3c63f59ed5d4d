"""The networkx backend tests (a package, so that their basenames may repeat those in tests/)."""
