"""Spoken words -> the value a field needs (no audio: the transcripts here are
ones the default engine produced, or people say). Readings name where each
other reading came from: the engine's n-best (others), a reading with the
kind's words only (constrained), or the kind's phrases ranked (ranked)."""

import pytest

from accounts.forms import MeForm
from speech.dictation import Hints, Readings, kind_for
from speech.dictation.emails import GENERIC_DOMAINS, email_value
from speech.dictation.fields import EMAIL, NAME, PHONE
from speech.dictation.kinds import TEXT
from speech.dictation.name_forms import name_value
from speech.dictation.phones import phone_value

COUNTRY = kind_for(MeForm.base_fields["country"])
SEX = kind_for(MeForm.base_fields["sex"])


def value(kind, heard: str, **readings) -> str | None:
    """The kind's value for these readings, or None where it makes none."""
    values = kind.values(Readings(heard, **readings), Hints())
    return values[0] if values else None


def lexicon_for(kind, heard: str) -> str | None:
    """The name of the lexicon the kind reads the audio again with, if any."""
    lexicon = kind.lexicon_for(Readings(heard), Hints())
    return lexicon.name if lexicon else None


@pytest.mark.parametrize(
    ("spoken", "written"),
    [
        ("john dot smith at example dot com", "john.smith@example.com"),
        ("John Dot Smith at gmail dot com.", "john.smith@gmail.com"),
        ("Maria Garcia at gmail.com", "mariagarcia@gmail.com"),
        ("t underscore nguyen at outlook dot com", "t_nguyen@outlook.com"),
        ("peter dash jones at example dot org", "peter-jones@example.org"),
        ("peter hyphen jones at example dot org", "peter-jones@example.org"),
        ("bob plus news at example dot org", "bob+news@example.org"),
        ("j o h n at example dot com", "john@example.com"),
        ("J-O-H-N at example dot org.", "john@example.org"),
        # The engine writes spelled letters with full stops: not "dot"s.
        ("J. O. H. N. at example dot com.", "john@example.com"),
        ("T. underscore N. G. U. Y. E. N. at outlook dot com", "t_nguyen@outlook.com"),
        ("J. dot Smith at example dot com", "j.smith@example.com"),
        ("Double U-T-S-O-N at example dot com", "wtson@example.com"),
        # Digits among spelled letters; an N before "at" heard as "and".
        ("M-I-K-E-2-0 at mail dot com.", "mike20@mail.com"),
        ("D-A-V-I-D-77 at gmail.com", "david77@gmail.com"),
        ("E-M-M-A dot W-A-T-S-O and at gmail.com", "emma.watson@gmail.com"),
        ("Tom and Jerry at gmail dot com", "tomandjerry@gmail.com"),
        ("anna twenty four at mail dot co dot uk", "anna24@mail.co.uk"),
        ("David seventy-seven at gmail.com", "david77@gmail.com"),
        ("anna dash smith at example dot com", "anna-smith@example.com"),
        ("my email is info at example dot at", "info@example.at"),
        ("double u at example dot com", "w@example.com"),
        ("sam at sign example dot com", "sam@example.com"),
        ("Emma not Watson at gmail.com", "emma.watson@gmail.com"),
        ("Peter at heartmail dot com", "peter@hotmail.com"),
        ("anna at gmial dot com", "anna@gmail.com"),
        ("info at acme dot com", "info@acme.com"),  # a domain of its own stays
        ("sarah at skynet dot com", "sarah@skynet.com"),
        ("walter at sample dot com", "walter@sample.com"),
    ],
)
def test_emails_are_written_as_addresses(spoken, written):
    assert email_value(spoken) == written


@pytest.mark.parametrize(
    ("spoken", "written"),
    [
        ("five five five one two three four", "5551234"),
        ("Five, five, five, one, two, three, four.", "5551234"),
        ("plus four four seven seven double zero nine double zero one two three", "+447700900123"),
        ("oh two oh seven nine four six", "0207946"),
        ("triple five one two three four", "5551234"),
        ("five five five twelve thirty four", "5551234"),
        ("555-1234", "5551234"),
        ("+1 202 555 0143", "+12025550143"),
        ("my number is nine one seven", "917"),
        ("For one, five, five, five.", "41555"),
    ],
)
def test_phones_are_written_as_digits(spoken, written):
    assert phone_value(spoken) == written


@pytest.mark.parametrize(
    ("spoken", "written"),
    [
        ("grace hopper.", "Grace Hopper"),
        ("mary o'brien", "Mary O'Brien"),
        ("ludwig van beethoven", "Ludwig van Beethoven"),
        ("jean-luc picard", "Jean-Luc Picard"),
        ("my name is ada lovelace", "Ada Lovelace"),
        ("angus mcdonald", "Angus McDonald"),
        ("S. M. I. T. H.", "Smith"),
        ("K-i-n-g", "King"),
        ("Nancy N. G. U. Y. E. N.", "Nancy Nguyen"),
        ("J. R. R. Tolkien", "J R R Tolkien"),  # initials stay letters
    ],
)
def test_names_are_capitalised_as_names_are(spoken, written):
    assert name_value(spoken) == written


def test_a_spelled_name_is_not_taken_for_a_sentence():
    # "A" is a sentence word, not a letter of "Ada", until the letters are joined.
    assert value(NAME, "A. D. A.", others=["Of the A."]) == "Ada"


@pytest.mark.parametrize(
    ("heard", "spelled"),
    [
        ("November golf uniform Yankee Echo November.", True),
        ("Killow, Indiana, Vemper Golf.", True),  # K I N G, said by Festival
        ("Kilo India November 12.", True),
        ("Victor Hugo", False),
        ("Oscar and Mike", False),
        ("Grace Hopper.", False),
        ("The unkios can uniform November glove.", False),  # too little heard as the alphabet
    ],
)
def test_the_spelling_alphabet_is_told_from_a_name(heard, spelled):
    assert (lexicon_for(NAME, heard) == "name-spelling") is spelled


def test_a_name_spelled_in_the_alphabet_is_the_word_it_spells():
    assert lexicon_for(NAME, "Sierra Mike India Tango Hotel.") == "name-spelling"
    assert value(NAME, "Sierra Mike India Tango Hotel.") == "Smith"
    # The open transcript has a word outside the alphabet: the constrained reading's.
    assert (
        value(NAME, "Kilo India November 12.", constrained=["Kilo, India, November, Golf."])
        == "King"
    )
    heard = ("november alpha november charlie yankee space november golf uniform "
             "yankee echo november")  # fmt: skip
    assert value(NAME, heard) == "Nancy Nguyen"


@pytest.mark.parametrize(
    ("heard", "spelled"),
    [
        ("Kilo, Echo, Victor, India, November dot Lima Echo Echo at gmail dot com.", True),
        ("Delta Alpha Victor India Delta 77 at gmail.com", True),
        ("john dot smith at gmail dot com", False),
        ("Mike twenty at mail dot com", False),
        ("Victor at example dot com", False),
    ],
)
def test_an_address_spelled_in_the_alphabet_is_read_again(heard, spelled):
    assert (lexicon_for(EMAIL, heard) == "email-spelling") is spelled


def test_an_address_spelled_in_the_alphabet_is_written_in_letters():
    heard = "Kilo, Echo, Victor, India, November dot Lima Echo Echo at gmail dot com."
    assert lexicon_for(EMAIL, heard) == "email-spelling"
    assert value(EMAIL, heard) == "kevin.lee@gmail.com"
    # The reading in the alphabet's words comes before the open transcript.
    heard = "Alpha Lima, India, Charlie Echo, Dot Brown, Romeo, Oscar at hotmail.co.uk."
    read = "Alpha Lima India Charlie Echo dot Bravo Romeo Oscar at hotmail dot co dot uk."
    assert value(EMAIL, heard, constrained=[read]) == "alice.bro@hotmail.co.uk"
    # Where no reading makes an address, the open transcript's value stands.
    assert value(EMAIL, "Kilo Echo Victor.", constrained=["Delta Delta Delta Delta."]) == "kev"


def test_a_spelled_address_without_a_real_ending_gets_endings_to_choose_from():
    heard = Readings(
        "Kilo Echo Victor at gmail dot Andrew.", constrained=["Kilo Echo Victor at gmail Andrew"]
    )
    assert EMAIL.values(heard, Hints())[0] == "kev@gmail.andrew"
    assert "Kilo Echo Victor at gmail dot edu" in EMAIL.phrases_to_rank(heard, Hints())
    # The engine's choice among them makes the address.
    heard.ranked = ["Kilo Echo Victor at gmail dot edu", "Kilo Echo Victor at gmail dot com"]
    assert EMAIL.values(heard, Hints())[0] == "kev@gmail.edu"


def test_a_spelled_reading_that_runs_on_past_the_speech_is_passed_over():
    # In noise the alphabet's reading can go round again, or repeat a letter.
    read = [
        "Tango Uniform Romeo India November Golf Tango Uniform Romeo India November Golf",
        "Yankee Oscar Uniform November Golf Golf Golf Golf",
        "Tango Uniform Romeo India November Golf",
    ]
    assert value(NAME, "Tango uniform rodeo India November 12th.", constrained=read) == "Turing"
    read = ["Lima Uniform Lima Uniform"]
    assert value(NAME, "Lima uniform Lima uniform.", constrained=read) == "Lulu"  # twice is a name


def test_an_email_comes_from_the_first_reading_that_makes_an_address():
    others = ["Info@company.com", "Info at company."]
    assert value(EMAIL, "Into that company not come.", others=others) == "info@company.com"
    others = ["Jon at example dot com."]
    assert value(EMAIL, "John at example dot com.", others=others) == "john@example.com"


def test_an_address_with_a_real_top_level_domain_wins():
    others = ["Linda dot Green at Proton dot me."]
    assert (
        value(EMAIL, "Linda dot Green at Proton dot Lee.", others=others) == "linda.green@proton.me"
    )
    others = ["Ann at example dot co dot UK."]
    assert value(EMAIL, "Ann at example dot co dot uk.", others=others) == "ann@example.co.uk"


def test_an_address_without_a_real_top_level_domain_gets_each_to_choose_from():
    heard = Readings("Kevin Dotley at university dot Andrew.", ["Kevin Dotley at University."])
    phrases = EMAIL.phrases_to_rank(heard, Hints())
    assert "Kevin Dotley at university dot edu" in phrases
    assert "Kevin Dotley at university dot com" in phrases
    assert {phrase.rpartition(" ")[2] for phrase in phrases} == set(GENERIC_DOMAINS)
    assert "Support at Mobilinot.org" in EMAIL.phrases_to_rank(
        Readings("Support at Mobilinot.Ord"), Hints()
    )


@pytest.mark.parametrize(
    "heard",
    [
        Readings("John at gmail dot com."),
        Readings("John at yahoo dot Andrew.", ["John at yahoo dot com."]),
        Readings("Samateg Lample dot org."),  # no address at all
    ],
)
def test_other_addresses_need_no_choosing(heard):
    assert EMAIL.phrases_to_rank(heard, Hints()) == {}
    assert PHONE.phrases_to_rank(heard, Hints()) == {}


def test_without_any_address_the_best_reading_stands():
    others = ["Samatek Lample dot org."]
    assert value(EMAIL, "Samateg Lample dot org.", others=others) == "samateglample.org"


def test_a_name_comes_from_the_first_reading_without_sentence_words():
    others = ["Alan Turing.", "Alan During."]
    assert value(NAME, "I learned your ring.", others=others) == "Alan Turing"
    assert value(NAME, "My name is Will Smith.", others=["Well Smith."]) == "Will Smith"


def test_where_every_reading_has_sentence_words_the_best_stands():
    others = ["I don't love this."]
    assert value(NAME, "I don't love lace.", others=others) == "I Don't Love Lace"


@pytest.mark.parametrize(
    ("heard", "ranked", "code"),
    [
        ("United Kingdom.", [], "GB"),
        ("I'm from France", [], "FR"),
        ("the UK", [], "GB"),
        ("I come from the United States", [], "US"),
        ("Idea, really.", ["Nigeria", "Niger"], "NG"),
        ("", ["Japan"], "JP"),
        ("Idea, really.", [], None),
        # The search's first kept where a name in the transcript is only part of it.
        ("Saint Martin Dutch Park.", ["Sint Maarten Dutch part", "Saint Martin"], "SX"),
        ("I live in Japan", ["Jamaica", "Japan"], "JP"),
        # One the search heard next, written far more like the transcript.
        ("S. Waitini.", ["Sweden", "Eswatini", "U S"], "SZ"),
        ("Grenade.", ["Brunei", "Brazil", "Grenada"], "GD"),
        ("Shelley.", ["Chile", "Seychelles"], "CL"),  # not far enough
    ],
)
def test_countries_are_matched_to_the_fields_choices(heard, ranked, code):
    assert value(COUNTRY, heard, ranked=ranked) == code


@pytest.mark.parametrize(
    ("heard", "ranked", "choice"),
    [
        ("Female.", [], "female"),
        ("Mail.", [], "male"),
        ("woman", [], "female"),
        ("I am a man", [], "male"),
        ("Ah, man.", ["Other", "Male"], "other"),
    ],
)
def test_sex_is_matched_to_the_fields_choices(heard, ranked, choice):
    assert value(SEX, heard, ranked=ranked) == choice


def test_free_text_is_kept_as_spoken():
    assert value(TEXT, "Hello,  world.") == "Hello, world."


def test_every_choice_can_be_said():
    choices = COUNTRY.choices
    assert len(choices.options) >= 240
    assert set(choices.phrases.values()) >= {code for code, _ in choices.options}


def test_a_choice_can_be_said_as_its_label_reads_aloud():
    phrases = COUNTRY.choices.phrases
    assert phrases["Virgin Islands U.S."] == "VI"
    assert phrases["Aland Islands"] == "AX"
    assert phrases["Saint Barthelemy"] == "BL"


@pytest.mark.parametrize(
    ("heard", "needs"),
    [
        ("Five, five, five, one, two, three, four.", False),
        ("Plus four four, seven seven double zero, nine double zero, one two three.", False),
        ("For one five, five five five, one two one two.", False),
        ("555-1234", False),
        ("I'm one seven five five five zero one nine nine.", True),
        ("Ataate double for double two.", True),
        # A digit dropped, or one too many: no number is that long.
        ("Five, five, zero, one, two, three.", True),
        ("Six five zero, two five three, zero zero zero zero zero.", True),
    ],
)
def test_a_phone_transcript_with_other_words_or_no_possible_number_is_read_again(heard, needs):
    assert (lexicon_for(PHONE, heard) == "phone") is needs


def test_a_possible_number_wins_over_one_that_is_not():
    heard = "Six five zero, two five three, zero zero zero zero zero."
    read = ["six five zero two five three zero zero zero zero"]
    assert value(PHONE, heard, constrained=read) == "6502530000"
    heard = "Nine one seven five five five zero one nine nine."
    assert value(PHONE, heard, constrained=["five five"]) == "9175550199"
    # Other words heard (in noise): the first reading that is a possible number.
    read = [" ".join(["zero"] * 13), "eight eight eight four four two two"]
    assert value(PHONE, "For number 2.", constrained=read) == "8884422"


def test_where_neither_reading_is_a_possible_number_the_open_one_stands(settings):
    settings.PHONE_REGION = "GB"
    heard = "Five five five one two three four five six seven."
    assert value(PHONE, heard, constrained=["five five"]) == "5551234567"


def test_the_reading_with_number_words_gives_the_phone_value():
    read = ["Eight eight eight double four double two"]
    assert value(PHONE, "Ataate double for double two.", constrained=read) == "8884422"
