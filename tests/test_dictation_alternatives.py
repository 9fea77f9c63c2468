"""The next likeliest values, and what the rest of the form tells a kind
(no audio: readings as the default engine gave them)."""

import pytest

from accounts.forms import MeForm
from speech.dictation import Hints, Readings, kind_for, user_names
from speech.dictation.addresses import is_whole
from speech.dictation.census import census, skeleton
from speech.dictation.context import local_parts, sounds_like_the_name
from speech.dictation.domains import PROVIDER_PRIOR, RANKED_PROVIDERS, web_commonness
from speech.dictation.emails import NAME_PRIOR
from speech.dictation.fields import EMAIL, NAME, PHONE
from speech.dictation.kinds import TEXT
from speech.dictation.name_forms import name_value

COUNTRY = kind_for(MeForm.base_fields["country"])
NO_HINTS = Hints()


def values(kind, heard: str, hints: Hints = NO_HINTS, **readings) -> list[str]:
    return kind.values(Readings(heard, **readings), hints)


@pytest.mark.parametrize(
    ("heard", "first", "then"),
    [
        # A word heard for "dash", or a symbol run into the next word.
        ("Peter Nash Parker at Outlook dot com.", "peternashparker@outlook.com",
         "peter-parker@outlook.com"),
        ("Peter Dashparker at Outlook dot com.", "peterdashparker@outlook.com",
         "peter-parker@outlook.com"),
        ("Mary Enders scored Jones at Yahoo.com.", "maryendersscoredjones@yahoo.com",
         "mary_jones@yahoo.com"),
        ("David's seventy-seven at gmail.com", "davids77@gmail.com", "david77@gmail.com"),
        # The "g" of gmail lost; and mail.com is a real provider too.
        ("John Dot Smith at Mail dot com.", "john.smith@mail.com", "john.smith@gmail.com"),
        ("Anna Smith at gmail.com", "annasmith@gmail.com", "annasmith@mail.com"),
    ],
)  # fmt: skip
def test_an_address_offers_the_mishearings_it_may_hide(heard, first, then):
    found = values(EMAIL, heard)
    assert found[:2] == [first, then]


def test_a_well_formed_address_is_the_value_when_the_heard_one_is_not():
    # "at" run into the provider's name: no address as written.
    assert values(EMAIL, "Linda.GreenetteProton.me")[0] == "linda.green@proton.me"
    # The issue's own example: a digit heard as a word, "at" heard as "it".
    assert values(EMAIL, "Anna, twenty-for-it, Yahoo.com.")[0] == "anna24@yahoo.com"
    # "at" heard as "dot".
    assert values(EMAIL, "Lucas dot Rossy dot outlook dot com.") == ["lucas.rossy@outlook.com"]


def test_no_one_has_an_address_whose_name_ends_in_a_symbol():
    for address in ["lucas.rossi.@outlook.com", "linda.re-at-@proton.me", "a..b@x.com",
                    "x@-mail.com"]:  # fmt: skip
        assert not is_whole(address), address
    for address in ["t_nguyen@outlook.com", "bob+news@example.org", "x@mail-box.co.uk"]:
        assert is_whole(address), address


def test_every_alternative_address_is_well_formed_and_distinct():
    found = values(
        EMAIL,
        "Kevin Dotley at university dot Andrew.",
        others=["Kevin Dotley at university dot n do.", "Kevin dot Lee at university dot edu."],
    )
    assert len(found) == len(set(found))
    assert all(is_whole(address) for address in found[1:])
    assert "kevin.lee@university.edu" in found


def test_the_name_in_the_form_lifts_the_address_made_of_it():
    heard = "Robert not queuing at example dot com."
    others = ["Robert dot king at gmail dot com."]
    assert values(EMAIL, heard, others=others)[0] == "robert.queuing@example.com"
    hints = Hints(name="Robert King")
    assert values(EMAIL, heard, hints, others=others)[0] == "robert.king@example.com"


def test_the_name_in_the_form_puts_its_user_names_up_for_the_engine_to_rank():
    heard = Readings("Olivia dot marty at gmail dot com")
    assert EMAIL.phrases_to_rank(heard, NO_HINTS) == {}
    phrases = EMAIL.phrases_to_rank(heard, Hints(name="Olivia Martin"))
    as_heard = phrases["Olivia dot marty at gmail dot com"]
    assert phrases["Olivia dot Martin at gmail dot com"] > as_heard + NAME_PRIOR
    assert "O Martin at gmail dot com" in phrases
    # The engine's choice among them leads; the rest stay one pick away.
    heard.ranked = ["Olivia dot Martin at gmail dot com", "Olivia dot marty at gmail dot com"]
    found = values(EMAIL, heard.heard, Hints(name="Olivia Martin"), ranked=heard.ranked)
    assert found[0] == "olivia.martin@gmail.com"
    assert "olivia.marty@gmail.com" in found[1:]


def test_the_initial_goes_with_the_surname_by_any_mark_people_put_between():
    assert {"tnguyen", "t.nguyen", "t_nguyen", "t-nguyen"} <= local_parts("Tuan Nguyen")
    # eSpeak's voice, for t_nguyen@outlook.com: the engine ranks it first.
    heard = Readings("The underscore new yen at outlook dot com.")
    phrases = EMAIL.phrases_to_rank(heard, Hints(name="Tuan Nguyen"))
    assert "T underscore Nguyen at outlook dot com." in phrases


def test_no_user_names_are_ranked_where_the_address_is_already_one_of_them():
    heard = Readings("John Dot Smith at gmail dot com.")
    assert EMAIL.phrases_to_rank(heard, Hints(name="John Smith")) == {}


def test_a_domain_of_its_own_is_ranked_against_the_common_providers():
    # "lahu dot com" was Flite's "yahoo dot com"; "example dot com" stays
    # where it is clearly said (the providers' head start is smaller than
    # the gap then: tests/test_speech_view.py).
    phrases = EMAIL.phrases_to_rank(Readings("Ben underscore Carter at lahu dot com."), NO_HINTS)
    as_heard = phrases["Ben underscore Carter at lahu dot com."]
    assert phrases["Ben underscore Carter at yahoo dot com"] == as_heard + PROVIDER_PRIOR
    assert "Ben underscore Carter at mail dot com" not in phrases  # the gmail ranking's
    # Heard with no "dot" to end it, the domain is still ranked against them,
    # and no generic ending is guessed for it: where it ends is unknown.
    phrases = EMAIL.phrases_to_rank(Readings("Nina Dash Patel at Progundotme."), NO_HINTS)
    assert "Nina Dash Patel at proton dot me" in phrases
    heard = Readings("Support at Mobilinot Ord.")
    phrases = EMAIL.phrases_to_rank(heard, NO_HINTS)
    assert set(phrases) == {
        "Support at Mobilinot Ord.",
        *(f"Support at {p}" for p in RANKED_PROVIDERS),
    }


def test_the_domains_other_readings_heard_are_ranked_the_commoner_on_the_web_ahead():
    # Festival's "contact at greenfield dot org", heard three ways.
    heard = Readings(
        "Contact at grainfield.org.",
        ["Contact at greenfield dot org.", "Contact at brainfield.org.", "Contact at grainfield."],
    )
    phrases = EMAIL.phrases_to_rank(heard, NO_HINTS)
    assert (
        phrases["Contact at greenfield dot org."]
        > phrases["Contact at grainfield.org."]
        > phrases["Contact at brainfield.org."]
    )
    assert "Contact at grainfield." not in phrases  # no real ending: no domain of anyone's
    assert phrases["Contact at gmail dot com"] == phrases["Contact at grainfield.org."] + 3.5


def test_other_domains_are_not_ranked_against_a_common_provider_heard():
    heard = Readings("Tom at outlook dot com.", ["Tom at outlet dot com."])
    assert EMAIL.phrases_to_rank(heard, NO_HINTS) == {}


@pytest.mark.parametrize(
    ("common", "rare"),
    [("greenfield", "grainfield"), ("bakery", "baycurry"), ("mozilla", "mazilla")],
)
def test_a_name_common_on_the_web_is_commoner_than_one_heard_for_it(common, rare):
    assert web_commonness(common) > web_commonness(rare)


def test_the_user_name_each_reading_heard_is_ranked_the_commoner_names_ahead():
    heard = Readings("Rover dot king at gmail dot com.", ["Robert dot king at gmail dot com."])
    phrases = EMAIL.phrases_to_rank(heard, NO_HINTS)
    assert set(phrases) == {
        "Rover dot king at gmail dot com.",
        "Robert dot king at gmail dot com.",
    }
    assert (
        phrases["Robert dot king at gmail dot com."] > phrases["Rover dot king at gmail dot com."]
    )


def test_a_user_name_heard_written_counts_its_words_as_names_too():
    # Piper's lucas.rossi: "Rossie" is no one's surname, written or said.
    heard = Readings(
        "Luke is dot Rossi at Outlook dot com.",
        ["Lucas dot Rossi at Outlook dot com.", "Lucas.Rossie at Outlook dot com."],
    )
    phrases = EMAIL.phrases_to_rank(heard, NO_HINTS)
    assert (
        phrases["Lucas dot Rossi at Outlook dot com."]
        > phrases["Lucas.Rossie at Outlook dot com."]
        > phrases["Luke is dot Rossi at Outlook dot com."]
    )


def test_letters_spelled_in_a_user_name_count_for_nothing_as_names():
    # Counted as nine names no one has, they lost to the form's "John" alone.
    heard = Readings("J-O-H-N dot S-M-I-D-H at gmail dot com.")
    phrases = EMAIL.phrases_to_rank(heard, Hints(name="John Smith"))
    assert phrases["J-O-H-N dot S-M-I-D-H at gmail dot com."] == 0.0
    assert phrases["John at gmail dot com."] == pytest.approx(NAME_PRIOR, abs=0.01)


@pytest.mark.parametrize(
    ("address", "worth"),
    [
        ("alistottbrom@hotmail.co.uk", True),  # no one is called that
        ("oliviadotmarkin@gmail.com", True),
        ("glinda.greenettbrokeon.me", True),  # no address at all
        ("john.smith@gmail.com", False),
        ("t_nguyen@outlook.com", False),
        ("david77@gmail.com", False),
        ("info@company.com", False),  # a role's word
    ],
)
def test_a_user_name_heard_as_no_ones_is_read_again_in_names(address, worth):
    assert user_names.worth_reading(address, [address]) is worth


def test_a_user_name_spelled_letter_by_letter_is_not_read_again_in_names():
    heard = Readings("P-T-R-P-A-R-K-R at gmail dot com.")  # its letters are read as letters
    assert EMAIL.lexicon_for(heard, NO_HINTS) is None
    assert EMAIL.lexicon_for(Readings("Ptrparkr at gmail dot com."), NO_HINTS).name == "email-names"


def test_the_user_names_heard_in_names_are_ranked_and_lead_only_where_no_address_was_heard():
    heard = Readings(
        "AlistottBrom at hotmail.co.uk.",
        constrained=["Alice Dot Brown at hotmail dot co dot uk.", "Alice dot Bram at Gmail."],
    )
    assert EMAIL.lexicon_for(heard, NO_HINTS).name == "email-names"
    phrases = EMAIL.phrases_to_rank(heard, NO_HINTS)
    said = "Alice Dot Brown at hotmail.co.uk."  # with the domain as openly heard
    assert phrases[said] > phrases["AlistottBrom at hotmail.co.uk."]
    assert (
        values(EMAIL, heard.heard, constrained=heard.constrained)[0] == "alistottbrom@hotmail.co.uk"
    )
    assert values(EMAIL, heard.heard, ranked=[said])[0] == "alice.brown@hotmail.co.uk"
    # No address heard openly: the reading in names gives one.
    heard = Readings(
        "Glinda Dot Greenett broke on Dot Me.", constrained=["Glenda dot Greene at proton dot me."]
    )
    assert values(EMAIL, heard.heard, constrained=heard.constrained) == ["glenda.greene@proton.me"]


def test_a_symbol_heard_as_a_word_is_ranked_as_the_symbol_too():
    phrases = EMAIL.phrases_to_rank(Readings("Peter Nash Parker at Outlook dot com."), NO_HINTS)
    assert (
        phrases["Peter dash Parker at Outlook dot com."]
        > phrases["Peter Nash Parker at Outlook dot com."]
    )
    phrases = EMAIL.phrases_to_rank(Readings("Mary Enders scored Jones at Yahoo.com."), NO_HINTS)
    assert "Mary underscore Jones at Yahoo.com." in phrases


def test_a_provider_heard_without_its_g_is_ranked_with_the_names_too():
    phrases = EMAIL.phrases_to_rank(Readings("Enosmith at mail dot com."), Hints(name="Anna Smith"))
    assert phrases["Enosmith at gmail dot com"] > phrases["Enosmith at mail dot com"]
    assert phrases["Anna Smith at gmail dot com"] > phrases["Anna Smith at mail dot com"]


def test_a_user_name_is_written_as_the_name_the_same_way_in_every_process():
    # "watson" and "ewatson" (E. Watson) sound the same: the choice must not
    # hang on the order a set of strings iterates in, which each process
    # draws at random.
    forms = local_parts("Emma Watson")
    assert sounds_like_the_name("emma.watson", forms) is None  # already the name's
    assert sounds_like_the_name("emma.whatson", forms) == "emma.watson"


def test_a_user_name_that_sounds_like_the_name_is_written_as_the_name():
    hints = Hints(name="Alice Brown")
    found = values(EMAIL, "Ellis dot brown at hotmail dot co dot uk.", hints)
    assert found[:2] == ["alice.brown@hotmail.co.uk", "ellis.brown@hotmail.co.uk"]


@pytest.mark.parametrize(
    ("heard", "others", "address"),
    [
        ("Info at company dot com.", ["Maria at company dot com."], "info@company.com"),
        ("Support at mozilla dot org.", [], "support@mozilla.org"),
        ("Mario dot Rossi at gmail dot com.", ["Maria dot Rossi at gmail dot com."],
         "mario.rossi@gmail.com"),
    ],
)  # fmt: skip
def test_the_name_in_the_form_never_overrides_clear_speech_of_something_else(
    heard, others, address
):
    assert values(EMAIL, heard, Hints(name="Maria Lopez"), others=others)[0] == address


def test_a_name_that_starts_with_a_first_name_people_have_comes_first():
    found = values(NAME, "Terre Conner.", others=["Terre Connor.", "Sarah Connor."])
    assert found[0] == "Sarah Connor"
    assert "Terre Conner" in found


def test_a_rare_surname_is_not_pushed_down_by_a_common_word():
    # "During" is a surname in the census; "Turing" is not. Only first names
    # decide the order.
    found = values(NAME, "Alan Turing.", others=["Alan During."])
    assert found[0] == "Alan Turing"
    assert "Alan During" in found


def test_a_name_offers_the_commonest_spelling_of_its_sound_and_a_split():
    assert "Robert King" in values(NAME, "Robert Ging.", others=["Robert Ding."])
    assert values(NAME, "Annalee.") == ["Annalee", "Anna Lee"]
    # Split where both words are commonest ("Anna Lie", not "Ann Alie"),
    # and then written as the commonest name of that sound.
    assert "Anna Lee" in values(NAME, "Annalie.")


def test_a_surname_heard_as_two_words_is_offered_as_one():
    assert "Ada Lovelace" in values(NAME, "Ada Love Lace.")
    assert "Ryan McDonald" in values(NAME, "Ryan Mc Donald.")
    assert "Anna Vandyke" not in values(NAME, "Anna van Dyke.")  # a particle stays apart


def test_the_names_heard_go_to_the_engine_with_a_head_start_for_common_ones():
    phrases = NAME.phrases_to_rank(Readings("Robert Ging.", ["Robert King."]), NO_HINTS)
    assert set(phrases) == {"Robert Ging", "Robert King"}
    assert phrases["Robert King"] > phrases["Robert Ging"]  # "Ging" is no one's surname


def test_the_name_a_reading_in_names_hears_is_ranked_beside_the_ones_heard_openly():
    # Festival's "Hannah Schmidt", heard "Hamish met." and read "Hannah Schmidt."
    heard = Readings("Hamish met.", ["Hamish Mead."], constrained=["Hannah Schmidt."])
    phrases = NAME.phrases_to_rank(heard, NO_HINTS)
    assert {"Hamish Met", "Hamish Mead", "Hannah Schmidt"} <= set(phrases)
    assert phrases["Hannah Schmidt"] > phrases["Hamish Met"]  # "Met" is no one's surname
    found = values(NAME, heard.heard, others=heard.others, constrained=heard.constrained)
    assert "Hannah Schmidt" in found[:5]


def test_a_first_name_and_a_surname_heard_in_different_readings_are_put_together():
    phrases = NAME.phrases_to_rank(Readings("Laura Howe.", ["Larry Hall."]), NO_HINTS)
    assert "Laura Hall" in phrases


def test_the_names_come_in_the_order_the_engine_ranked_them():
    found = values(NAME, "Emmett Watson.", others=["Emma Watson."],
                   ranked=["Emma Watson", "Emmett Watson"])  # fmt: skip
    assert found[:2] == ["Emma Watson", "Emmett Watson"]


def test_a_name_heard_one_way_only_or_spelled_is_not_ranked():
    assert NAME.phrases_to_rank(Readings("Ada Lovelace."), NO_HINTS) == {}
    spelled = Readings("Kilo India November Golf.", ["Kilo India November Golf"])
    assert NAME.phrases_to_rank(spelled, NO_HINTS) == {}
    # Letters said one by one: ranked as words, they would lose to noise.
    letters = Readings("N. G. U. Y. D. N.", ["N. G. U. Y. E. N.", "Nguyen."])
    assert NAME.phrases_to_rank(letters, NO_HINTS) == {}


def test_a_name_is_never_offered_without_letters():
    found = values(NAME, "Danielle Young.", others=["Daniel Young.", "10."])
    assert found == ["Danielle Young", "Daniel Young"]


def test_a_misheard_name_is_not_offered_with_sentence_words():
    found = values(NAME, "I learned your ring.", others=["Alan Turing.", "I learnt your ring."])
    assert found[0] == "Alan Turing"
    assert all("I" not in value.split() for value in found)


@pytest.mark.parametrize(
    ("said", "written"),
    [
        ("i'll", "I'll"),
        ("sean o'connor", "Sean O'Connor"),
        ("angus mcdonald", "Angus McDonald"),
        ("sofia van der berg", "Sofia van der Berg"),
        ("D'Angelo", "D'Angelo"),
        ("they're", "They're"),
    ],
)
def test_names_are_capitalised_as_people_write_them(said, written):
    assert name_value(said) == written


def test_letters_that_rhyme_are_read_as_the_commonest_name_they_may_spell():
    # Said one by one, B and P, D, T and E, M and N sound alike.
    assert values(NAME, "H-O-B-B-E-R.")[:2] == ["Hopper", "Hobber"]
    assert values(NAME, "S. M. I. D. H.")[:2] == ["Smith", "Smidh"]
    assert values(NAME, "N-g-u-y-t-n.")[0] == "Nguyen"
    assert values(NAME, "S-n-i-t-h.")[0] == "Smith"  # Snith is a surname, a rare one
    # A letter lost, in a longer name: Campbell is common enough for that.
    assert values(NAME, "C. M. P. B. E. L. L.")[:2] == ["Campbell", "Cmpbell"]
    assert values(NAME, "K-A-F-O-R.") == ["Kafor"]  # not Jason, a letter unlike R away


def test_a_surname_spelled_alone_comes_before_letters_heard_as_words():
    # "See" is a first name (a rare one), Connor a surname: either may start a name.
    assert values(NAME, "C. O. N. N. O. R.", others=["See O. N. N. O. R."])[0] == "Connor"
    assert values(NAME, "G. A. R. C. Aya.", others=["G. A. R. C. I. A."])[0] == "Garcia"


def test_a_name_spelled_as_written_stays_where_no_far_commoner_one_rhymes():
    assert values(NAME, "G-A-B-E-L.")[0] == "Gabel"  # Patel is commoner, not enough
    assert values(NAME, "O-K-A-F-O-R.") == ["Okafor"]
    # A name said, not spelled, is not respelled: Tawson rhymes with Dawson.
    assert values(NAME, "Anna Tawson.")[0] == "Anna Tawson"


def test_a_user_name_spelled_letter_by_letter_is_read_with_rhyming_letters():
    found = values(EMAIL, "J-O-H-N dot S-M-I-D-H at gmail dot com.")
    assert found[:2] == ["john.smith@gmail.com", "john.smidh@gmail.com"]
    # A short word is mostly a letter heard as a word ("The" for T): left alone.
    assert values(EMAIL, "The underscore N-G-U-Y-E-N at Outlook dot com.")[0] == (
        "the_nguyen@outlook.com"
    )


def test_the_forms_name_is_found_in_a_user_name_spelled_with_rhyming_letters():
    found = values(EMAIL, "L-I-N-T-A dot G-R-E-E-N at gmail dot com.", Hints(name="Linda Green"))
    assert found[0] == "linda.green@gmail.com"
    # B and V rhyme said as letters, not as sounds (Double Metaphone's P and F).
    assert "ava@gmail.com" in values(EMAIL, "A-B-A at gmail dot com.", Hints(name="Ava Vance"))


def test_the_spelling_alphabet_is_found_in_any_reading():
    heard = Readings("Kilo India no member dulph.", ["Kilo India November Golf."])
    assert NAME.lexicon_for(heard, NO_HINTS).name == "name-spelling"
    assert NAME.lexicon_for(Readings("Grace Hopper.", ["Grace Harper."]), NO_HINTS).name == "names"
    heard = Readings("Kilo Echo Victor at gmail dot com.", ["Keelo echo Victor at gmail."])
    assert EMAIL.lexicon_for(heard, NO_HINTS).name == "email-spelling"


def test_phone_alternatives_are_possible_numbers_only():
    found = values(
        PHONE,
        "Nine one seven five five five zero one nine nine.",
        others=["Nine one seven five five five zero one nine.", "Nine one seven five."],
    )
    assert found[0] == "9175550199"
    assert "917555019" not in found  # nine digits: no number in the US
    assert "9175" not in found


def test_the_country_in_the_form_sets_the_phone_region(settings):
    settings.PHONE_REGION = "US"
    heard = Readings("oh two oh seven nine four six oh nine five eight")  # a London number
    assert PHONE.lexicon_for(heard, NO_HINTS)  # no US number has 11 digits
    assert not PHONE.lexicon_for(heard, Hints(region="GB"))
    assert values(PHONE, heard.heard, Hints(region="GB")) == ["02079460958"]


def test_a_choice_offers_the_next_choices_the_search_heard():
    found = values(COUNTRY, "Idea, really.", ranked=["Nigeria", "Niger", "Algeria", "Nigeria."])
    assert found[:3] == ["NG", "NE", "DZ"]
    assert len(found) == len(set(found))


def test_free_text_offers_the_other_wordings():
    found = values(TEXT, "Meet me at noon.", others=["Meet me at noon!", "Meat me at noon."])
    assert found == ["Meet me at noon.", "Meet me at noon!", "Meat me at noon."]


def test_another_common_spelling_of_a_names_sound_is_one_pick_away():
    found = values(NAME, "Sophia van der Berg.")
    assert found[:2] == ["Sophia van der Berg", "Sofia van der Berg"]
    assert values(NAME, "Sarah Conner.")[:3] == ["Sarah Conner", "Sara Conner", "Sarah Connor"]
    # A rare spelling is not offered ("Ema"), nor a name that sounds otherwise.
    assert values(NAME, "Emma Watson.") == ["Emma Watson"]
    assert values(NAME, "Laura Hall.") == ["Laura Hall"]


@pytest.mark.parametrize(
    ("one", "other", "alike"),
    [
        ("Sophia", "Sofia", True), ("Isabelle", "Isabel", True), ("Connor", "Conner", True),
        ("Clarke", "Clark", True), ("Greene", "Green", True), ("Catherine", "Katherine", True),
        ("Sophie", "Sofia", False), ("Hall", "Hale", False), ("Hopper", "Hooper", False),
        ("Laura", "Larry", False),
    ],
)  # fmt: skip
def test_names_written_alike_are_the_ways_of_writing_one_sound(one, other, alike):
    assert (skeleton(one) == skeleton(other)) is alike


def test_a_name_in_both_census_files_counts_at_its_commoner_rank():
    assert census().firsts["john"] < 5  # a woman's name too, far down that list
