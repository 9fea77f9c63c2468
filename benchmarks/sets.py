"""What the dictation benchmark says, and what each should become.

The first sets grew with the dictation rules and were measured while they
were written; the HELD_OUT sets were written before the alternatives and the
form's hints were measured on them, and are not to be tuned on: they are
the honest figure.
"""

EMAILS = [
    ("john dot smith at gmail dot com", "john.smith@gmail.com"),
    ("john dot smith at example dot com", "john.smith@example.com"),
    ("mary underscore jones at yahoo dot com", "mary_jones@yahoo.com"),
    ("peter dash parker at outlook dot com", "peter-parker@outlook.com"),
    ("sam at example dot org", "sam@example.org"),
    ("alice dot brown at hotmail dot co dot uk", "alice.brown@hotmail.co.uk"),
    ("david seventy seven at gmail dot com", "david77@gmail.com"),
    ("info at company dot com", "info@company.com"),
    ("t underscore nguyen at outlook dot com", "t_nguyen@outlook.com"),
    ("bob plus news at example dot org", "bob+news@example.org"),
    ("anna smith at gmail dot com", "annasmith@gmail.com"),
    ("james dot wilson at icloud dot com", "james.wilson@icloud.com"),
    ("linda dot green at proton dot me", "linda.green@proton.me"),
    ("support at mozilla dot org", "support@mozilla.org"),
    ("kevin dot lee at university dot edu", "kevin.lee@university.edu"),
    ("sarah dot connor at skynet dot com", "sarah.connor@skynet.com"),
    ("mike twenty at mail dot com", "mike20@mail.com"),
    ("hello at world dot net", "hello@world.net"),
    ("robert dot king at example dot com", "robert.king@example.com"),
    ("emma dot watson at gmail dot com", "emma.watson@gmail.com"),
]
PHONES = [
    ("five five five one two three four", "5551234"),
    ("five five five one two three four five six seven", "5551234567"),
    ("plus four four seven seven double zero nine double zero one two three", "+447700900123"),
    ("triple five one two three four", "5551234"),
    ("two zero two five five five zero one four three", "2025550143"),
    ("nine one seven five five five zero one nine nine", "9175550199"),
    ("zero seven nine four six zero one two three four", "0794601234"),
    ("one eight hundred five five five zero one nine nine", "18005550199"),
    ("plus one four one five five five five two six seven one", "+14155552671"),
    ("six five zero two five three zero zero zero zero", "6502530000"),
    ("three one two eight nine four seven six five", "312894765"),
    ("eight eight eight double four double two", "8884422"),
    ("four one five five five five one two one two", "4155551212"),
    ("seven seven seven eight eight eight nine", "7778889"),
    ("plus three three one two three four five six seven eight nine", "+33123456789"),
    ("six one two three four five six seven eight", "612345678"),
    ("nine eight seven six five four three two one", "987654321"),
    ("one two three four five six seven", "1234567"),
    ("five zero five five five five zero one zero zero", "5055550100"),
    ("two one two five five five zero one two three", "2125550123"),
]
NAMES = [
    "John Smith", "Mary Johnson", "Peter Parker", "Maria Garcia", "Alan Turing",
    "Grace Hopper", "Ada Lovelace", "James Brown", "Linda Green", "Robert King",
    "Emma Watson", "David Miller", "Sarah Connor", "Michael Jordan", "Susan Clark",
    "Thomas Edison", "Anna Lee", "Kevin White", "Laura Hall", "Daniel Young",
]  # fmt: skip
# Names spelled letter by letter, as people spell one the engine mishears.
SPELLED = [
    "Nguyen", "Lovelace", "Turing", "Hopper", "King",
    "Smith", "Edison", "Garcia", "Connor", "Young",
]  # fmt: skip
# Other names spelled so, not looked at while the spelled names' ranking
# was chosen.
HELD_OUT_SPELLED = [
    "Patel", "Baker", "Fischer", "Ramirez", "Kowalski",
    "Dubois", "Okafor", "Bennett", "Campbell", "Dawson",
]  # fmt: skip
# The same names in the spelling alphabet, and two the engine mishears
# spoken, spelled whole with "space" between the words.
ALPHABET_SPELLED = [*SPELLED, "Ada Lovelace", "Anna Lee"]
SEXES = [("female", "female"), ("male", "male"), ("other", "other"),
         ("woman", "female"), ("man", "male")]  # fmt: skip
READ_PASSAGES = [
    "The quick brown fox jumps over the lazy dog. Pack my box with five dozen liquor jugs.",
    "Please call me tomorrow morning about the meeting. I will bring the documents with me.",
    "The library opens at nine in the morning and closes at six in the evening on weekdays.",
    "We walked along the river until the sun went down, then we found a small restaurant.",
]
# Harvard sentences, lists 1 and 2 (IEEE 1969), two to a passage: phonetically
# balanced and hard to guess from context, so every eSpeak sound counts.
HARVARD_PASSAGES = [
    "The birch canoe slid on the smooth planks. Glue the sheet to the dark blue background.",
    "It's easy to tell the depth of a well. These days a chicken leg is a rare dish.",
    "Rice is often served in round bowls. The juice of lemons makes fine punch.",
    "The box was thrown beside the parked truck. The hogs were fed chopped corn and garbage.",
    "Four hours of steady work faced us. A large size in stockings is hard to sell.",
    "The boy was there when the sun rose. A rod is used to catch pink salmon.",
    "The source of the huge river is the clear spring. Kick the ball straight and follow through.",
    "Help the woman get back to her feet. A pot of tea helps to pass the evening.",
    "Smoky fires lack flame and heat. The soft cushion broke the man's fall.",
    "The salt breeze came across from the sea. The girl at the booth sold fifty bonds.",
]


# The full name a person with each address would have put in the form
# before it: the form's hint. Role addresses (info@, support@) and user
# names unlike the name are there to show the hint never overrides them.
EMAIL_NAMES = {
    "john.smith@gmail.com": "John Smith", "john.smith@example.com": "John Smith",
    "mary_jones@yahoo.com": "Mary Jones", "peter-parker@outlook.com": "Peter Parker",
    "sam@example.org": "Sam Taylor", "alice.brown@hotmail.co.uk": "Alice Brown",
    "david77@gmail.com": "David Miller", "info@company.com": "Maria Garcia",
    "t_nguyen@outlook.com": "Tuan Nguyen", "bob+news@example.org": "Bob Martin",
    "annasmith@gmail.com": "Anna Smith", "james.wilson@icloud.com": "James Wilson",
    "linda.green@proton.me": "Linda Green", "support@mozilla.org": "Lee Chen",
    "kevin.lee@university.edu": "Kevin Lee", "sarah.connor@skynet.com": "Sarah Connor",
    "mike20@mail.com": "Mike Ross", "hello@world.net": "Grace Hopper",
    "robert.king@example.com": "Robert King", "emma.watson@gmail.com": "Emma Watson",
}  # fmt: skip

HELD_OUT_EMAILS = [
    ("olivia dot martin at gmail dot com", "olivia.martin@gmail.com", "Olivia Martin"),
    ("ben underscore carter at yahoo dot com", "ben_carter@yahoo.com", "Ben Carter"),
    ("chloe at bakery dot co dot uk", "chloe@bakery.co.uk", "Chloe Bennett"),
    ("lucas dot rossi at outlook dot com", "lucas.rossi@outlook.com", "Lucas Rossi"),
    ("hannah ninety nine at hotmail dot com", "hannah99@hotmail.com", "Hannah Schmidt"),
    ("contact at greenfield dot org", "contact@greenfield.org", "Paul Walker"),
    ("oscar dot wilde at icloud dot com", "oscar.wilde@icloud.com", "Oscar Wilde"),
    ("nina dash patel at proton dot me", "nina-patel@proton.me", "Nina Patel"),
    ("sales at northwind dot net", "sales@northwind.net", "Ann Taylor"),
    ("george dot harris at live dot com", "george.harris@live.com", "George Harris"),
    ("fiona dot campbell at gmail dot com", "fiona.campbell@gmail.com", "Fiona Campbell"),
    ("tom at example dot io", "tom@example.io", "Tom Baker"),
]
HELD_OUT_NAMES = [
    "Olivia Martin", "Benjamin Carter", "Chloe Bennett", "Lucas Rossi", "Hannah Schmidt",
    "Nina Patel", "George Harris", "Fiona Campbell", "Isabel O'Connor", "Ryan McDonald",
    "Sofia van der Berg", "Oscar Wilde",
]  # fmt: skip
HELD_OUT_PHONES = [
    ("seven one eight five five five zero one four two", "7185550142"),
    ("three one zero five five five zero one seven three", "3105550173"),
    ("plus four four seven nine four six zero one eight three two seven", "+447946018327"),
    ("eight zero zero five five five zero one zero zero", "8005550100"),
    ("six four six five five five zero one two nine", "6465550129"),
]
HELD_OUT_COUNTRIES = [
    ("Germany", "DE"), ("Brazil", "BR"), ("Kenya", "KE"), ("New Zealand", "NZ"),
    ("Portugal", "PT"), ("South Africa", "ZA"), ("Japan", "JP"), ("Mexico", "MX"),
]  # fmt: skip
