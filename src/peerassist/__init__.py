"""peerassist: the Peer Assist method as software.

A domain model (:mod:`peerassist.model`), the method's rules
(:mod:`peerassist.rules`), JSON and TOML files (:mod:`peerassist.serialize`)
and realistic assists for tests (:mod:`peerassist.testing`). This module
only re-exports the names most programs need.
"""

from peerassist.exceptions import FileFormatError, InputError, PeerAssistError
from peerassist.model import PeerAssist
from peerassist.policy import Policy
from peerassist.rules import Finding, Report, Severity, rule, validate
from peerassist.serialize import dump, dumps, from_dict, load, loads, to_dict

__all__ = [
    "FileFormatError",
    "Finding",
    "InputError",
    "PeerAssist",
    "PeerAssistError",
    "Policy",
    "Report",
    "Severity",
    "dump",
    "dumps",
    "from_dict",
    "load",
    "loads",
    "rule",
    "to_dict",
    "validate",
]
