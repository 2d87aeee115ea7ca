"""Model-lineage records, JSON Lines: ``{"model", "base_model", "relation", "source"?}`` per line.

The Hugging Face Hub's ``base_model`` relations (``finetune``, ``adapter``, ``merge``,
``quantized``) and MTEB's ``adapted_from`` map onto the typed ``gk:derivedFrom`` sub-properties,
so ``graphkit build papers.jsonl lineage.jsonl`` enriches a paper graph with hub lineage. Each
edge carries curated evidence whose source is the record's ``source`` (else this file).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import ClassVar

from graphkit.loaders.records import json_lines, wrong_schema
from graphkit.models import LineageRecord, LoadIssue
from graphkit.vocab import RELATION_NAMES


class LineageLoader:
    """Curated lineage statements; a line without ``model``/``base_model`` or with an unknown relation is reported."""

    name: ClassVar[str] = "lineage"
    suffixes: ClassVar[tuple[str, ...]] = (".jsonl",)

    def sniff(self, head: bytes) -> bool:
        first = head.lstrip(b"\xef\xbb\xbf \t\r\n").split(b"\n", 1)[0]
        return first.startswith(b"{") and b'"base_model"' in first and b'"model"' in first

    def read(self, path: Path) -> Iterator[LineageRecord | LoadIssue]:
        file = str(path)
        for item in json_lines(path):
            if isinstance(item, LoadIssue):
                yield item
                continue
            number, data = item
            if not isinstance(data, Mapping):
                yield wrong_schema(file, number, "a lineage object", data)
                continue
            model, base = data.get("model"), data.get("base_model")
            if not (isinstance(model, str) and model.strip() and isinstance(base, str) and base.strip()):
                yield LoadIssue(file=file, record=number, reason="lineage record needs 'model' and 'base_model' names")
                continue
            word = str(data.get("relation") or "derivedFrom").strip()
            relation = RELATION_NAMES.get(word) or RELATION_NAMES.get(word.lower())
            if relation is None:
                yield LoadIssue(file=file, record=number,
                                reason=f"record {model.strip()!r}: unknown relation {word!r} "
                                       f"(known: {', '.join(sorted(RELATION_NAMES))})")
                continue
            source = data.get("source")
            yield LineageRecord(model=model.strip(), base_model=base.strip(), relation=relation,
                                source=source.strip() if isinstance(source, str) and source.strip() else file,
                                line=number)
