"""The one module that imports attrs; the rest of peerassist imports from here.

Keeping each third-party import in one module makes the dependency easy to
audit and to replace. mypy's attrs plugin follows these re-exports.
"""

from attrs import Attribute, Factory, define, evolve, field, fields, frozen, has

__all__ = ["Attribute", "Factory", "define", "evolve", "field", "fields", "frozen", "has"]
