"""A real Synapse homeserver started by the test suite (see `harness`)."""
