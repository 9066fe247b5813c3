"""Who said what: quotes, speakers, reported speech and named people, in pure Python."""

from .model import Extraction, Person, PersonMention, Quote, Reported
from .pipeline import extract

__all__ = ["Extraction", "Person", "PersonMention", "Quote", "Reported", "extract"]
