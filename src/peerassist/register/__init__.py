"""The register: past and current assists, the people in them and their lessons.

One contract, :class:`Register`, with two backends: :class:`SqliteRegister`
(one file, the default) and :class:`PostgresRegister` (for several application
servers sharing one database; ``peerassist[postgres]``). Open either with
:func:`open_register`::

    >>> from peerassist.register import open_register
    >>> from peerassist.testing import make_assist
    >>> register = open_register(":memory:")
    >>> register.add(make_assist("closed"))
    >>> [hit.field for hit in register.search("handover delays")]
    ['purpose.problem']
    >>> register.close()

The register is also the rules' cross-assist context: ``validate(assist,
context=register)`` checks prior work (M03), similar work under way (M04)
and usual suspects (M11) against everything stored.
"""

from peerassist.register._contract import Clock, Register
from peerassist.register._open import ENV_VAR, default_register_path, open_register
from peerassist.register._postgres import PostgresRegister
from peerassist.register._rows import SEARCHED_FIELDS
from peerassist.register._sqlite import SCHEMA_VERSION, SqliteRegister
from peerassist.register._types import (
    AssistSummary,
    Hit,
    LessonsToShare,
    Page,
    Participation,
    Similar,
    Suspect,
)

__all__ = [
    "ENV_VAR",
    "SCHEMA_VERSION",
    "SEARCHED_FIELDS",
    "AssistSummary",
    "Clock",
    "Hit",
    "LessonsToShare",
    "Page",
    "Participation",
    "PostgresRegister",
    "Register",
    "Similar",
    "SqliteRegister",
    "Suspect",
    "default_register_path",
    "open_register",
]
