"""peerassist: the Peer Assist method as software."""

from peerassist.exceptions import InputError, PeerAssistError
from peerassist.model import PeerAssist

__all__ = ["InputError", "PeerAssist", "PeerAssistError"]
