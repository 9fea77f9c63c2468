"""User names read as names. Where the address heard has a user name with a
word no one is called ("AlistottBrom" for alice.brown, "Olivia Dotmarkin"
for olivia.martin), the audio is read once more with only names and an
address's words, and the user names that reading hears are ranked on the
audio beside the one heard (emails.py). A user name spelled letter by
letter is read as the likeliest names its letters spell."""

from __future__ import annotations

from functools import cache

from ..engines import Lexicon
from . import letters
from .addresses import EMAIL_WORDS, is_whole
from .census import census, names_to_read
from .context import user_name_parts
from .spelling import join_spelled

# The user names of role addresses, which are words, not names.
ROLE_WORDS = (
    "info", "support", "hello", "contact", "sales", "admin", "office", "team", "news",
    "help", "billing", "jobs", "enquiries", "service", "me", "mail",
)  # fmt: skip


@cache
def lexicon() -> Lexicon:
    words = [*EMAIL_WORDS, *ROLE_WORDS, *names_to_read()]
    return Lexicon("email-names", tuple(dict.fromkeys(words)))


def worth_reading(address: str, texts: list[str]) -> bool:
    """Whether the address heard (from the open readings' `texts`) is no
    address, or its user name has a word of two letters or more that is no
    name and no role's word. Not where its letters were spelled one by one,
    which letters.py reads: the names reading would make names of them."""
    if spelled_out(texts):
        return False
    if not is_whole(address):
        return True
    known = census()
    parts = user_name_parts(address.partition("@")[0])
    return any(
        part.isalpha()
        and len(part) > 1
        and part not in known.firsts
        and part not in known.lasts
        and part not in ROLE_WORDS
        for part in parts
    )


def spelled_out(texts: list[str]) -> bool:
    """Whether a reading has letters said one by one ("J-O-H-N dot S-M-I-D-H")."""
    return any(join_spelled(text) != text for text in texts)


def spelled_as_names(address: str) -> str:
    """The address with each word of four letters or more in its user name
    read as the likeliest name its letters spell (letters.py): "john.smidh"
    -> "john.smith"."""
    local, at, domain = address.partition("@")
    parts = user_name_parts(local)
    # Shorter words are mostly letters heard as words ("The" for T).
    likeliest = (letters.likeliest(p) if p.isalpha() and len(p) >= 4 else p for p in parts)
    return "".join(likeliest) + at + domain if at else address
