"""Helpers for testing code that uses peerassist (yours and ours)."""

from peerassist.testing._assists import PATH, STATES, make_assist

__all__ = ["PATH", "STATES", "make_assist"]
