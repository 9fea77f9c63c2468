"""Spoken words -> the value a field needs (no audio: the transcripts here are
ones the default engine produced, or people say)."""

import pytest

from speech.engines import Transcript
from speech.fields import GENERIC_DOMAINS, email_value, kind_for, name_value, phone_value


@pytest.mark.parametrize(
    ("spoken", "value"),
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
def test_emails_are_written_as_addresses(spoken, value):
    assert email_value(spoken) == value


@pytest.mark.parametrize(
    ("spoken", "value"),
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
def test_phones_are_written_as_digits(spoken, value):
    assert phone_value(spoken) == value


@pytest.mark.parametrize(
    ("spoken", "value"),
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
def test_names_are_capitalised_as_names_are(spoken, value):
    assert name_value(spoken) == value


def test_a_spelled_name_is_not_taken_for_a_sentence():
    # "A" is a sentence word, not a letter of "Ada", until the letters are joined.
    assert kind_for("fullname").value(Transcript("A. D. A.", ["Of the A."])) == "Ada"


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
    assert kind_for("fullname").needs_reading(heard) is spelled


def test_a_name_spelled_in_the_alphabet_is_the_word_it_spells():
    name = kind_for("fullname")
    assert name.lexicon.name == "name-spelling"
    assert name.value(Transcript("Sierra Mike India Tango Hotel.")) == "Smith"
    # The open transcript has a word outside the alphabet: the constrained reading's.
    heard = Transcript("Kilo India November 12.", ["Kilo, India, November, Golf."])
    assert name.value(heard) == "King"
    heard = Transcript("november alpha november charlie yankee space november golf uniform "
                       "yankee echo november")  # fmt: skip
    assert name.value(heard) == "Nancy Nguyen"


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
    assert kind_for("email").needs_reading(heard) is spelled


def test_an_address_spelled_in_the_alphabet_is_written_in_letters():
    email = kind_for("email")
    assert email.lexicon.name == "email-spelling"
    heard = Transcript("Kilo, Echo, Victor, India, November dot Lima Echo Echo at gmail dot com.")
    assert email.value(heard) == "kevin.lee@gmail.com"
    # The reading in the alphabet's words comes before the open transcript.
    heard = Transcript(
        "Alpha Lima, India, Charlie Echo, Dot Brown, Romeo, Oscar at hotmail.co.uk.",
        ["Alpha Lima India Charlie Echo dot Bravo Romeo Oscar at hotmail dot co dot uk."],
    )
    assert email.value(heard) == "alice.bro@hotmail.co.uk"
    # Where no reading makes an address, the open transcript's value stands.
    heard = Transcript("Kilo Echo Victor.", ["Delta Delta Delta Delta."])
    assert email.value(heard) == "kev"


def test_a_spelled_address_without_a_real_ending_gets_endings_to_choose_from():
    heard = Transcript(
        "Kilo Echo Victor at gmail dot Andrew.", ["Kilo Echo Victor at gmail Andrew"]
    )
    assert kind_for("email").value(heard) == "kev@gmail.andrew"
    phrases = kind_for("email").phrases_to_rank(heard)
    assert "Kilo Echo Victor at gmail dot edu" in phrases


def test_a_spelled_reading_that_runs_on_past_the_speech_is_passed_over():
    # In noise the alphabet's reading can go round again, or repeat a letter.
    heard = Transcript(
        "Tango uniform rodeo India November 12th.",
        [
            "Tango Uniform Romeo India November Golf Tango Uniform Romeo India November Golf",
            "Yankee Oscar Uniform November Golf Golf Golf Golf",
            "Tango Uniform Romeo India November Golf",
        ],
    )
    assert kind_for("fullname").value(heard) == "Turing"
    heard = Transcript("Lima uniform Lima uniform.", ["Lima Uniform Lima Uniform"])
    assert kind_for("fullname").value(heard) == "Lulu"  # twice is a name


def test_an_email_comes_from_the_first_reading_that_makes_an_address():
    heard = Transcript("Into that company not come.", ["Info@company.com", "Info at company."])
    assert kind_for("email").value(heard) == "info@company.com"
    heard = Transcript("John at example dot com.", ["Jon at example dot com."])
    assert kind_for("email").value(heard) == "john@example.com"


def test_an_address_with_a_real_top_level_domain_wins():
    heard = Transcript("Linda dot Green at Proton dot Lee.", ["Linda dot Green at Proton dot me."])
    assert kind_for("email").value(heard) == "linda.green@proton.me"
    heard = Transcript("Ann at example dot co dot uk.", ["Ann at example dot co dot UK."])
    assert kind_for("email").value(heard) == "ann@example.co.uk"


def test_an_address_without_a_real_top_level_domain_gets_each_to_choose_from():
    heard = Transcript("Kevin Dotley at university dot Andrew.", ["Kevin Dotley at University."])
    phrases = kind_for("email").phrases_to_rank(heard)
    assert "Kevin Dotley at university dot edu" in phrases
    assert "Kevin Dotley at university dot com" in phrases
    assert {phrase.rpartition(" ")[2] for phrase in phrases} == set(GENERIC_DOMAINS)
    heard = Transcript("Support at Mobilinot.Ord")
    assert "Support at Mobilinot.org" in kind_for("email").phrases_to_rank(heard)


@pytest.mark.parametrize(
    "heard",
    [
        Transcript("John at example dot com."),
        Transcript("John at example dot Andrew.", ["John at example dot org."]),
        Transcript("Support at Mobilinot Ord."),  # no "dot": where the domain ends is unknown
        Transcript("Samateg Lample dot org."),  # no address at all
    ],
)
def test_other_addresses_need_no_choosing(heard):
    assert kind_for("email").phrases_to_rank(heard) == []
    assert kind_for("phone").phrases_to_rank(heard) == []


def test_without_any_address_the_best_reading_stands():
    heard = Transcript("Samateg Lample dot org.", ["Samatek Lample dot org."])
    assert kind_for("email").value(heard) == "samateglample.org"


def test_a_name_comes_from_the_first_reading_without_sentence_words():
    heard = Transcript("I learned your ring.", ["Alan Turing.", "Alan During."])
    assert kind_for("fullname").value(heard) == "Alan Turing"
    heard = Transcript("My name is Will Smith.", ["Well Smith."])
    assert kind_for("fullname").value(heard) == "Will Smith"


def test_where_every_reading_has_sentence_words_the_best_stands():
    heard = Transcript("I don't love lace.", ["I don't love this."])
    assert kind_for("fullname").value(heard) == "I Don't Love Lace"


@pytest.mark.parametrize(
    ("heard", "alternatives", "value"),
    [
        ("United Kingdom.", [], "GB"),
        ("I'm from France", [], "FR"),
        ("the UK", [], "GB"),
        ("I come from the United States", [], "US"),
        ("Idea, really.", ["Nigeria", "Niger"], "NG"),
        ("", ["Japan"], "JP"),
        ("Idea, really.", [], None),
    ],
)
def test_countries_are_matched_to_the_fields_choices(heard, alternatives, value):
    assert kind_for("country").choices.match(Transcript(heard, alternatives)) == value


@pytest.mark.parametrize(
    ("heard", "alternatives", "value"),
    [
        ("Female.", [], "female"),
        ("Mail.", [], "male"),
        ("woman", [], "female"),
        ("I am a man", [], "male"),
        ("Ah, man.", ["Other", "Male"], "other"),
    ],
)
def test_sex_is_matched_to_the_fields_choices(heard, alternatives, value):
    assert kind_for("sex").choices.match(Transcript(heard, alternatives)) == value


def test_free_text_is_kept_as_spoken():
    assert kind_for("comment").value(Transcript("Hello,  world.")) == "Hello, world."


def test_every_choice_can_be_said():
    choices = kind_for("country").choices
    assert len(choices.options) >= 240
    assert set(choices.phrases.values()) >= {code for code, _ in choices.options}


def test_a_choice_can_be_said_as_its_label_reads_aloud():
    phrases = kind_for("country").choices.phrases
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
    assert kind_for("phone").needs_reading(heard) is needs


def test_a_possible_number_wins_over_one_that_is_not():
    transcript = Transcript(
        "Six five zero, two five three, zero zero zero zero zero.",
        ["six five zero two five three zero zero zero zero"],
    )
    assert kind_for("phone").value(transcript) == "6502530000"
    transcript = Transcript("Nine one seven five five five zero one nine nine.", ["five five"])
    assert kind_for("phone").value(transcript) == "9175550199"
    # Other words heard (in noise): the first reading that is a possible number.
    transcript = Transcript(
        "For number 2.", [" ".join(["zero"] * 13), "eight eight eight four four two two"]
    )
    assert kind_for("phone").value(transcript) == "8884422"


def test_where_neither_reading_is_a_possible_number_the_open_one_stands(settings):
    settings.PHONE_REGION = "GB"
    transcript = Transcript("Five five five one two three four five six seven.", ["five five"])
    assert kind_for("phone").value(transcript) == "5551234567"


def test_the_reading_with_number_words_gives_the_phone_value():
    transcript = Transcript(
        "Ataate double for double two.", ["Eight eight eight double four double two"]
    )
    assert kind_for("phone").value(transcript) == "8884422"
