"""The row model: the original loader received its rows as pydantic models."""

from datetime import date, datetime
from operator import itemgetter
from typing import Optional

from pydantic import BaseModel

# The target table's columns, in table order; COPY and INSERT statements list them explicitly.
COLUMNS = (
    "id",
    "doi",
    "title",
    "abstract",
    "authors",
    "journal",
    "publication_year",
    "publication_date",
    "citations",
    "score",
    "open_access",
    "keywords",
    "ingested_at",
)


class Article(BaseModel):
    id: int
    doi: str
    title: str
    abstract: Optional[str] = None
    authors: Optional[str] = None
    journal: Optional[str] = None
    publication_year: Optional[int] = None
    publication_date: Optional[date] = None
    citations: Optional[int] = None
    score: Optional[float] = None
    open_access: Optional[bool] = None
    keywords: Optional[str] = None
    ingested_at: datetime


def model_fields(model_class=Article):
    """Field names in declaration order, under pydantic v1 or v2."""
    fields = getattr(model_class, "model_fields", None)
    if fields is None:
        fields = model_class.__fields__
    return tuple(fields)


# pydantic v2 renamed dict() to model_dump() and deprecates the old name; v1 only has dict().
_dump = BaseModel.model_dump if hasattr(BaseModel, "model_dump") else BaseModel.dict


def to_dict(article: Article) -> dict:
    """The conversion the original did per model (the work the "single conversion" claim moves)."""
    return _dump(article)


# COPY's write_row wants a sequence in column order; itemgetter builds that tuple in C.
row_values = itemgetter(*COLUMNS)
