"""graphkit: knowledge graphs of the research landscape from paper metadata.

The public API is small: :func:`build` turns inputs into a :class:`KnowledgeGraph`,
which writes any export format and hands out networkx and rdflib views.
"""

__version__ = "0.1.0"

from graphkit.api import build, gaps, lineage  # noqa: E402
from graphkit.graph import KnowledgeGraph  # noqa: E402

__all__ = ["KnowledgeGraph", "build", "gaps", "lineage", "__version__"]
