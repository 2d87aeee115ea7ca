"""Typed records exchanged at the boundaries: what loaders yield and what they report."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field, field_validator


class PaperRecord(BaseModel):
    """One paper as a loader read it; text fields are kept verbatim for display and quotes."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = Field(min_length=1)
    abstract: str = ""
    id: str | None = None
    doi: str | None = None
    arxiv_id: str | None = None
    openalex_id: str | None = None
    s2_id: str | None = None
    acl_id: str | None = None
    year: int | None = None
    date: str | None = None
    authors: tuple[str, ...] = ()
    url: str | None = None
    venue: str | None = None
    #: Identifiers of cited papers in the contract's forms (``arXiv:N``, bare DOI,
    #: ``https://openalex.org/W…``, ``s2:<paperId>``); each becomes a ``gk:cites`` edge.
    references: tuple[str, ...] = ()
    source: str = ""
    line: int | None = None

    @field_validator("title")
    @classmethod
    def _title_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("empty title")
        return value


class LineageRecord(BaseModel):
    """One curated lineage statement (Hub ``base_model``, MTEB ``adapted_from``): model derives from base."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    model: str = Field(min_length=1)
    base_model: str = Field(min_length=1)
    #: A gk lineage property local name (``fineTunedFrom``, ``adaptedFrom``, ... or ``derivedFrom``).
    relation: str = "derivedFrom"
    #: Who states it (a model card, MTEB's registry); defaults to the input file.
    source: str = ""
    line: int | None = None


class LoadIssue(BaseModel):
    """A record that was skipped (or read with a warning), reported as ``file:record: reason``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    file: str
    record: str | int | None = None
    reason: str
    skipped: bool = True

    def __str__(self) -> str:
        where = f"{self.file}:{self.record}" if self.record is not None else self.file
        return f"{where}: {self.reason}"


class Limits(BaseModel):
    """Per-record limits users can set; a record over them is skipped and reported, the build goes on."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    max_record_bytes: int = Field(default=1_000_000, gt=0)
    max_abstract_chars: int = Field(default=100_000, gt=0)


@dataclass
class BuildStats:
    """Counts for the build summary line."""

    papers: int = 0
    records: int = 0
    duplicates: int = 0
    skipped: int = 0
    warnings: int = 0
    #: Records that joined a paper already loaded from another input (same DOI, arXiv id, ... or title + year).
    merged: int = 0
    #: Incremental builds: extractions reused from the state's cache, and made afresh.
    reused: int = 0
    extracted: int = 0
    #: Streaming rebuilds: papers whose Turtle was copied from the last build's output, not rendered.
    copied: int = 0
    #: Digest of every record read (content and metadata), to tell an unchanged rebuild.
    input_digest: str = ""
    #: Lineage statements read from lineage records.
    lineage: int = 0
    #: Paper edges a streaming build wrote without keeping them (counted in the summary).
    streamed_edges: int = 0
