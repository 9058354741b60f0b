"""Documents the method asks for, from an assist: :func:`render`.

* the **briefing pack** sent to participants in advance (M14): the problem,
  what the visitors are asked to deliver, who is coming and in what role,
  the agenda in every participant's zone, logistics, pre-reading, contacts;
* the **meeting record**, quarter by quarter (M18-M21), with the visitors'
  takeaways (M23);
* the **action list** sent back to the visitors (M22, X07);
* the **After Action Review** (M25, X06);
* the **lessons**, with their evidence and who they were shared with (M24, M26).

Each renders as one self-contained HTML page or as Markdown, from Jinja2
templates packaged with the library; a host overrides any of them with a
folder of its own (``templates=``). A document the assist is not ready for
is refused with a :class:`~peerassist.exceptions.DocumentError` listing what
is missing, never printed with empty headings.
"""

from peerassist.documents._ready import KINDS, METHOD_STATES, missing
from peerassist.documents._render import FORMATS, render
from peerassist.exceptions import DocumentError

__all__ = ["DocumentError", "FORMATS", "KINDS", "METHOD_STATES", "missing", "render"]
