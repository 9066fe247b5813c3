"""Who said what: quotes, speakers and named people, in pure Python."""

from .model import Extraction, Person, PersonMention, Quote
from .pipeline import extract

__all__ = ["Extraction", "Person", "PersonMention", "Quote", "extract"]
