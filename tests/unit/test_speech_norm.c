/*
 * test_speech_norm.c — written news text into the words a newsreader
 * says, for each class and each language with data in voices/lang/ (real
 * ICU spelling and the shipped data files).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "speech/speech.h"

struct norm_case {
    const char *lang, *cls, *written, *spoken;
};

static const struct norm_case cases[] = {
    {"en", "cardinal", "The bill came to 4,250,000 votes.",
     "The bill came to four million two hundred fifty thousand votes."},
    {"en", "decimal", "Temperatures fell to -3.75 today.",
     "Temperatures fell to minus three point seven five today."},
    {"en", "ordinal", "She finished 22nd and he was 101st.",
     "She finished twenty-second and he was one hundred first."},
    {"en", "year", "Built in 1887, rebuilt in the 1960s and the '70s.",
     "Built in eighteen eighty-seven, rebuilt in the nineteen sixties and the seventies."},
    {"en", "date", "On Sept. 9, 2021 and on 14 March 2019.",
     "On september ninth twenty twenty-one and on the fourteenth of march twenty nineteen."},
    {"en", "date", "Due 2019-03-14 or 03/14/2019.",
     "Due march fourteenth twenty nineteen or march fourteenth twenty nineteen."},
    {"en", "time", "Doors open at 7:45 a.m. and close at 11pm",
     "Doors open at seven forty-five A.M. and close at eleven P.M."},
    {"en", "money", "Profits rose to £2.4bn, $1.5 million and €300m; a coffee costs $3.05.",
     "Profits rose to two point four billion pounds, one point five million dollars and three hundred million euros; a coffee costs three dollars five cents."},
    {"en", "percent", "Turnout was 67.5% this year.",
     "Turnout was sixty-seven point five percent this year."},
    {"en", "measure", "The trail is 12km long, the bag weighs 3 kg and it is 28°C outside.",
     "The trail is twelve kilometers long, the bag weighs three kilograms and it is twenty-eight degrees Celsius outside."},
    {"en", "range", "From 2008–2012 prices rose 5-10%.",
     "From two thousand eight to twenty twelve prices rose five to ten percent."},
    {"en", "fraction", "Add 3/8 of a cup and 2 1/2 cups.",
     "Add three eighths of a cup and two and one half cups."},
    {"en", "roman", "Henry VIII wrote Chapter XII.",
     "Henry the eighth wrote Chapter twelve."},
    {"en", "telephone", "Call +44 20-7946-0958 now.",
     "Call plus forty-four, two zero, seven nine four six, zero nine five eight now."},
    {"en", "abbreviation", "Dr. Jones met Gov. Lee of the U.S. on Main St.",
     "Doctor Jones met Governor Lee of the U S on Main Street."},
    {"en", "link", "Mail help@news.example.org or visit https://www.example.com/a/very/long/path/to/some/article.html today.",
     "Mail help at news dot example dot org or visit www dot example dot com today."},
    {"en", "link", "See pic.twitter.com/abc123",
     "See pic dot twitter dot com slash abc one two three"},
    {"en", "handle", "Follow @newsdesk and #BreakingNews now.",
     "Follow at newsdesk and hashtag Breaking News now."},
    {"en", "emoji", "We loved it 👏👏👏 ➡️ read more",
     "We loved it 👏 read more"},
    {"en", "symbol", "Salt & pepper, 2 + 2 = 4",
     "Salt and pepper, two plus two equals four"},
    {"en", "words", "May I come in? The mar is calm.",
     "May I come in? The mar is calm."},
    {"de", "cardinal", "Es kamen 1.250 Gäste.",
     "Es kamen ein tausend zwei hundert fünfzig Gäste."},
    {"de", "date", "Am 3.10.1990 und am 24. Dezember 1950.",
     "Am dritten oktober neunzehn hundert neunzig und am vier und zwanzigsten dezember neunzehn hundert fünfzig."},
    {"de", "ordinal", "Der 3. Versuch am 5. Tag, er wurde 2.",
     "Der dritte Versuch am fünften Tag, er wurde zweiter."},
    {"de", "time", "Es ist 15:30 Uhr.",
     "Es ist fünfzehn uhr dreißig."},
    {"de", "money", "Der Preis liegt bei 3,99 € und 12 Mrd. Euro.",
     "Der Preis liegt bei drei euro neun und neunzig cent und zwölf milliarden euro."},
    {"de", "measure", "Es sind 7 km und 250 g bei 18 °C.",
     "Es sind sieben kilometer und zwei hundert fünfzig gramm bei achtzehn grad celsius."},
    {"de", "abbreviation", "Das ist z.B. gut.",
     "Das ist zum Beispiel gut."},
    {"de", "fraction", "Mit 1/3 und 2 1/2.",
     "Mit ein drittel und zwei ein halb."},
    {"de", "percent", "Die Quote lag bei 4,5 %.",
     "Die Quote lag bei vier komma fünf prozent."},
    {"es", "date", "El 12 de octubre de 1492 llegaron.",
     "El doce de octubre de mil cuatrocientos noventa y dos llegaron."},
    {"es", "cardinal", "Llegaron 2.500 barcos.",
     "Llegaron dos mil quinientos barcos."},
    {"es", "ordinal", "Llegó el 3.º y ella la 2.ª",
     "Llegó el tercero y ella la segunda"},
    {"es", "money", "Cuesta 15,50 € y 3 millones de dólares.",
     "Cuesta quince euros cincuenta céntimos y tres millones de dólares."},
    {"es", "time", "Son las 14:20.",
     "Son las catorce y veinte."},
    {"es", "measure", "Mide 5 km y pesa 12 kg.",
     "Mide cinco kilómetros y pesa doce kilogramos."},
    {"es", "fraction", "Se comió 3/4 del pastel.",
     "Se comió tres cuartos del pastel."},
    {"es", "abbreviation", "Habló el Dr. Pérez.",
     "Habló el doctor Pérez."},
    {"fr", "date", "Le 14 juillet 1789.",
     "Le quatorze juillet mille sept cent quatre-vingt-neuf."},
    {"fr", "cardinal", "Il y avait 2 500 personnes.",
     "Il y avait deux mille cinq cents personnes."},
    {"fr", "ordinal", "Il est arrivé 2e et elle 1re.",
     "Il est arrivé deuxième et elle première."},
    {"fr", "fraction", "Il a mangé 3/4 du gâteau et 1 1/2 pomme.",
     "Il a mangé trois quarts du gâteau et un et demi pomme."},
    {"fr", "roman", "Le XIXe siècle.",
     "Le dix-neuvième siècle."},
    {"fr", "percent", "Il reste 45,5 %.",
     "Il reste quarante-cinq virgule cinq pour cent."},
    {"fr", "abbreviation", "Mᵐᵉ Curie",
     "madame Curie"},
    {"it", "date", "Il 25 aprile 1945.",
     "Il venticinque aprile mille novecento quarantacinque."},
    {"it", "cardinal", "Erano 1.500 persone.",
     "Erano mille cinquecento persone."},
    {"it", "money", "Costa 4,50 € al giorno.",
     "Costa quattro euro cinquanta centesimi al giorno."},
    {"it", "time", "Alle 18:30 e 2 km.",
     "Alle diciotto e trenta minuti e due chilometri."},
    {"it", "abbreviation", "La sig.na Rossi",
     "La signorina Rossi"},
    {"ru", "year", "В 1812 году было 3 500 человек.",
     "В тысяча восемьсот двенадцатом году было три тысячи пятьсот человек."},
    {"ru", "ordinal", "Во 2-м туре он 3-й, она 1-я.",
     "Во втором туре он третий, она первая."},
    {"ru", "decade", "Это было в 1990-х годах.",
     "Это было в тысяча девятьсот девяностых годах."},
    {"ru", "money", "Цена 15,5 млн руб.",
     "Цена пятнадцать целых пять десятых миллиона рублей."},
    {"ru", "decimal", "За 2,5 км.",
     "За две целых пять десятых километра."},
    {"ru", "date", "Встреча 12.04.1961.",
     "Встреча двенадцатое апреля тысяча девятьсот шестьдесят первого."},
    {"ru", "money", "Сдача 6 руб. 35 коп.",
     "Сдача шесть рублей тридцать пять копеек."},
    {"en", "fraction", "Add ½ cup and ⅔ of the flour.",
     "Add one half cup and two thirds of the flour."},
    {"es", "time", "Cierra a las 9:30 p.m. y abre a las 7:05 a.m.",
     "Cierra a las nueve y media de la noche y abre a las siete y cinco de la mañana."},
    {"ru", "cardinal", "Цены выросли от 5 до 12 процентов к 2030 году.",
     "Цены выросли от пяти до двенадцати процентов к две тысячи тридцатому году."},
    {"de", "telephone", "Ruf an: +49 30 1234567",
     "Ruf an: plus neun und vierzig drei null eins zwei drei vier fünf sechs sieben"},
    {"fr", "time", "Le film dure 1h45, départ à 14 h.",
     "Le film dure une heure quarante-cinq, départ à quatorze heures."},
    {"fr", "date", "Les 25/11 et 02/12, mais 5/2.",
     "Les vingt-cinq novembre et deux décembre, mais cinq demis."},
    {"de", "date", "Am 10.10. kam Version 5.3.",
     "Am zehnten oktober kam Version fünf punkt drei."},
    {"fr", "abbreviation", "Photo DR, par Dr Martin",
     "Photo DR, par docteur Martin"},
    {"en", "link", "See news.bbc.co.uk/x, not res.ok or chai.expect.",
     "See news dot bbc dot co dot U K slash x, not res.ok or chai.expect."},
    {"en", "roman", "Jane Smith MD met Louis XIV.",
     "Jane Smith MD met Louis the fourteenth."},
    {"en", "date", "Open 24/7 since 12/25.",
     "Open twenty-four seven since december twenty-fifth."},
    {"en", "link", "Write to news.example.org!now@x.org today",
     "Write to news dot example dot org! now at x dot org today"},
    {"en", "abbreviation", "Attacks In St. Petersburg; 1428 Elm St. It was.",
     "Attacks In Saint Petersburg; fourteen twenty-eight Elm Street. It was."},
};

static char *prepare(const char *lang, const char *text)
{
    struct buf out = BUF_INIT;
    struct hr_error err = {0};
    assert_int_equal(speech_prepare(text, strlen(text), lang, &out, &err), 0);
    return buf_detach(&out, NULL);
}

static void run_lang(const char *lang)
{
    size_t n = 0;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        if (strcmp(cases[i].lang, lang) != 0)
            continue;
        char *got = prepare(lang, cases[i].written);
        if (strcmp(got, cases[i].spoken) != 0)
            fail_msg("%s %s: '%s'\n  said '%s'\n  want '%s'", lang, cases[i].cls,
                     cases[i].written, got, cases[i].spoken);
        free(got);
        n++;
    }
    assert_true(n >= 5);
}

static void test_en(void **state) { (void)state; run_lang("en"); }
static void test_de(void **state) { (void)state; run_lang("de"); }
static void test_es(void **state) { (void)state; run_lang("es"); }
static void test_fr(void **state) { (void)state; run_lang("fr"); }
static void test_it(void **state) { (void)state; run_lang("it"); }
static void test_ru(void **state) { (void)state; run_lang("ru"); }

/* A region subtag uses its language's data. */
static void test_region_falls_back(void **state)
{
    (void)state;
    char *got = prepare("en-GB", "It costs £5.");
    assert_string_equal(got, "It costs five pounds.");
    free(got);
}

/* A language without data is left to espeak-ng, but links are still not
 * read out, and the text is otherwise kept. */
static void test_unknown_language(void **state)
{
    (void)state;
    assert_false(speech_knows_lang("sw"));
    assert_true(speech_knows_lang("de-AT"));
    char *got = prepare("sw", "Tazama https://example.com/x leo 25.");
    assert_string_equal(got, "Tazama link leo 25.");
    free(got);
}

/* Text with nothing to change comes back as it was; hostile input neither
 * crashes nor loses the words around it. */
static void test_plain_and_hostile(void **state)
{
    (void)state;
    const char *plain = "Nothing here changes, does it?";
    char *got = prepare("en", plain);
    assert_string_equal(got, plain);
    free(got);
    static const char *const odd[] = {
        "99999999999999999999999999 1/0 0/0 $ $$ £. 12:99 31.13.2020",
        "--5 -- 5- .5. 1.2.3.4.5.6 +++ ((((123 @ # @@ ## www. http://",
        "\xff\xfe 1\xc2\xa0""000 \xe2\x80\x93 5\xe2\x80\x93 IIII MMMM XIXe.",
        "1/99999999999 0000000000 1e10 3:00:00:00 ⭐️⭐️ ➡️➡️",
    };
    for (size_t i = 0; i < sizeof odd / sizeof *odd; i++) {
        const char *langs[] = {"en", "de", "es", "fr", "it", "ru"};
        for (size_t l = 0; l < 6; l++) {
            got = prepare(langs[l], odd[i]);
            assert_non_null(got);
            free(got);
        }
    }
}

int main(void)
{
    // The shipped data only: no user's files from the config folder.
    setenv("XDG_CONFIG_HOME", "/nonexistent-herald-test", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_en),
        cmocka_unit_test(test_de),
        cmocka_unit_test(test_es),
        cmocka_unit_test(test_fr),
        cmocka_unit_test(test_it),
        cmocka_unit_test(test_ru),
        cmocka_unit_test(test_region_falls_back),
        cmocka_unit_test(test_unknown_language),
        cmocka_unit_test(test_plain_and_hostile),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
