"""Sample custom workflows, derived from the default one, for the test suite."""
