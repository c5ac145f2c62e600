/*
 * phrase.c — stock lines that are not the story, recognised by their words.
 *
 * DESIGN: a page's furniture repeats the same few phrases on every site
 * and in every language: "Related stories", "Leia também", "Lesen Sie
 * auch"; "Published: 10:48, Tue, Nov 19, 2019"; "5 min read"; "X may earn
 * a commission".  Each test here looks at one segment's text only (no
 * site names, no markup): the text is folded (lower case for ASCII,
 * Latin-1 and Cyrillic capitals; spaces collapsed; trailing punctuation,
 * ellipses and arrows cut) into a small fixed buffer and compared with
 * word lists.  Segments longer than the buffer are never stock phrases.
 * Everything is bounded by PHRASE_MAX bytes per test.
 */
#include <ctype.h>
#include <stdint.h>
#include <string.h>

#include "extract/extract_internal.h"

#define PHRASE_MAX 256

/* The length of t without its trailing spaces, punctuation, "…", arrows
 * and similar symbols (U+2000..U+27FF, »), and -- when `bracket` -- a
 * closing square bracket ("[Read more]").  A label in parentheses
 * ("... the default (Read more).") is a source cited in a sentence, so a
 * ")" is never cut. */
static size_t trail_cut(const char *t, size_t len, bool bracket)
{
    for (;;) {
        unsigned char c = len ? (unsigned char)t[len - 1] : 0;
        if (c == ' ' || c == '\t' || c == '\n' || c == ':' || c == '.' || c == '!' ||
            c == '?' || c == '>' || c == '-' || c == '|' || c == '*' ||
            (bracket && c == ']'))
            len--;
        else if (len >= 3 && (unsigned char)t[len - 3] == 0xe2 &&
                 (unsigned char)t[len - 2] >= 0x80 && (unsigned char)t[len - 2] <= 0x9f)
            len -= 3;
        else if (len >= 2 && (unsigned char)t[len - 2] == 0xc2 && c == 0xbb)
            len -= 2;
        else
            return len;
    }
}

/* Fold t[0..len) into out (see the DESIGN comment); false when the text
 * is too long to be a stock phrase. */
static bool fold(const char *t, size_t len, char *out, size_t *out_len)
{
    size_t o = 0;
    bool space = true;
    for (size_t k = 0; k < len; k++) {
        unsigned char c = (unsigned char)t[k];
        if (o + 3 >= PHRASE_MAX)
            return false;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            if (!space)
                out[o++] = ' ';
            space = true;
            continue;
        }
        space = false;
        if (c < 0x80) {
            out[o++] = (char)tolower(c);
        } else if (c == 0xc3 && k + 1 < len &&
                   (unsigned char)t[k + 1] >= 0x80 &&
                   (unsigned char)t[k + 1] <= 0x9e &&
                   (unsigned char)t[k + 1] != 0x97) {
            // U+00C0..U+00DE (not U+00D7 ×): À -> à.
            out[o++] = (char)c;
            out[o++] = (char)((unsigned char)t[++k] + 0x20);
        } else if (c == 0xd0 && k + 1 < len &&
                   (unsigned char)t[k + 1] >= 0x90 &&
                   (unsigned char)t[k + 1] <= 0xaf) {
            // Cyrillic А..Я (U+0410..U+042F) -> а..я.
            unsigned char d = (unsigned char)t[++k];
            if (d <= 0x9f) {
                out[o++] = (char)0xd0;
                out[o++] = (char)(d + 0x20);
            } else {
                out[o++] = (char)0xd1;
                out[o++] = (char)(d - 0x20);
            }
        } else {
            out[o++] = (char)c;
        }
    }
    // Cut trailing spaces, punctuation, "…", arrows and similar symbols.
    o = trail_cut(out, o, false);
    // And leading ones.
    size_t s = 0;
    while (s < o && (out[s] == ' ' || out[s] == '|' || out[s] == '-' ||
                     out[s] == '*' || out[s] == '>'))
        s++;
    memmove(out, out + s, o - s);
    o -= s;
    out[o] = '\0';
    *out_len = o;
    return true;
}

static bool in_list(const char *f, const char *const *list)
{
    for (const char *const *w = list; *w; w++)
        if (strcmp(f, *w) == 0)
            return true;
    return false;
}

/* Is t, a short line (60 bytes at most), folded, one of list's heads? */
static bool short_head_in(const char *t, size_t len, const char *const *list)
{
    char f[PHRASE_MAX];
    size_t n;
    return len <= 60 && fold(t, len, f, &n) && in_list(f, list);
}

static bool prefix_in(const char *f, const char *const *list)
{
    for (const char *const *w = list; *w; w++)
        if (strncmp(f, *w, strlen(*w)) == 0)
            return true;
    return false;
}

static size_t count_words(const char *f)
{
    size_t n = 0;
    bool in = false;
    for (; *f; f++) {
        if (*f == ' ')
            in = false;
        else if (!in) {
            in = true;
            n++;
        }
    }
    return n;
}

/* The heads of "read these instead" blocks, in the languages news is most
 * often written in (folded: lower case, no trailing punctuation). */
static const char *const related_whole[] = {
    "related", "related articles", "related stories", "related content",
    "related coverage", "related news", "related posts", "related links",
    "related reading", "related topics", "related videos", "related video",
    "you may also like", "you might also like", "you may like",
    "you might like", "you may be interested in", "you might be interested in",
    "you may also be interested in", "this might be interesting to you",
    "this might interest you", "we recommend", "recommended",
    "recommended for you", "recommended stories", "recommended articles",
    "recommended reading", "recommended posts", "recommended content",
    "recommended news", "recommended videos", "suggested articles",
    "suggested posts", "suggested reading", "suggested stories",
    "you might also enjoy", "you may also enjoy", "more posts",
    "more blog posts", "other posts", "recent posts", "latest posts",
    "popular articles", "related resources",
    "more stories", "more news", "more articles",
    "more to read", "more to explore", "more like this", "read more",
    "read next", "what to read next", "up next", "keep reading",
    "read also", "also read", "see also", "also see", "don't miss",
    "don’t miss", "do not miss", "editor's picks", "editors' picks",
    "editor’s picks", "most popular", "most read", "most viewed",
    "popular", "popular stories", "popular posts", "trending",
    "trending now", "trending stories", "top stories", "latest news",
    "latest stories", "around the web", "from around the web",
    "more on this", "more on this story", "more on this topic",
    "in other news", "elsewhere", "further reading",
    // Portuguese
    "você pode gostar", "você também pode gostar", "você pode gostar também",
    "leia também", "leia mais", "veja também", "veja mais",
    "notícias relacionadas", "posts relacionados", "artigos relacionados",
    "relacionados", "relacionadas", "mais lidas", "mais lidos",
    "saiba mais", "confira também",
    // Spanish
    "te puede interesar", "también te puede interesar",
    "te podría interesar", "lee también", "lea también", "leer más",
    "noticias relacionadas", "artículos relacionados", "relacionado",
    "más noticias", "lo más leído", "lo más visto", "también puedes leer",
    // French
    "à lire aussi", "a lire aussi", "lire aussi", "voir aussi",
    "sur le même sujet", "articles similaires", "articles liés",
    "les plus lus", "à lire également", "vous aimerez aussi",
    "vous aimerez aussi lire", "nos lecteurs ont aussi lu",
    // German
    "lesen sie auch", "lesen sie dazu auch", "mehr zum thema",
    "das könnte sie auch interessieren", "das könnte dich auch interessieren",
    "weitere artikel", "auch interessant", "meistgelesen",
    "meistgelesene artikel", "ähnliche artikel", "verwandte artikel",
    "mehr dazu", "weiterlesen", "schon gelesen", "ähnliche beiträge",
    "verwandte beiträge", "weiterführende informationen",
    "weitere informationen", "das könnte sie interessieren",
    "empfehlungen aus der redaktion", "empfehlungen der redaktion",
    "unsere empfehlungen", "wir empfehlen", "heute empfehlen wir",
    "mehr themen", "weitere themen", "lust auf mehr", "mehr lesen",
    // Italian
    "leggi anche", "potrebbe interessarti", "ti potrebbe interessare",
    "articoli correlati", "notizie correlate", "i più letti",
    // Dutch, Scandinavian, Polish, Czech, Turkish, Indonesian
    "lees ook", "lees meer", "gerelateerde artikelen", "meest gelezen",
    "läs också", "läs mer", "les også", "læs også", "lue myös",
    "czytaj także", "czytaj też", "zobacz też", "zobacz także",
    "przeczytaj też", "przeczytaj także", "čtěte také", "mohlo by vás zajímat",
    "ilgili haberler", "benzer haberler", "baca juga", "berita terkait",
    "artikel terkait", "baca selengkapnya",
    // Russian, Ukrainian
    "читайте также", "смотрите также", "по теме",
    "похожие статьи", "похожие новости", "популярное", "самое популярное",
    "самые популярные", "новости по теме", "читайте також", "дивіться також",
    // Japanese, Chinese, Korean, Arabic
    "関連記事", "あわせて読みたい", "おすすめ記事", "人気記事", "関連ニュース",
    "相关文章", "相关阅读", "推荐阅读", "相關文章", "延伸閱讀", "相关新闻",
    "관련기사", "관련 기사", "많이 본 뉴스", "추천 기사",
    "اقرأ أيضا", "اقرأ أيضاً", "مواضيع ذات صلة", "أخبار ذات صلة",
    NULL,
};

/* Heads that go on with a name: "More from The Courier", "Related: ...". */
static const char *const related_prefix[] = {
    "more from ", "more on ", "more in ", "more about ", "more great ",
    "related: ", "related articles: ", "related stories: ",
    "explore more ", "further reading on ", "further reading from ",
    "recommended: ", "read more: ", "see also: ", "also on ",
    "other stories", "more stories from ", "mais de ", "mais sobre ",
    "más de ", "plus de ", "mehr von ", "mehr aus ", "altro su ",
    "weitere aktuelle themen ", "weitere themen ", "weitere artikel ",
    "weitere beiträge ", "mehr zum thema ",
    "самые популярные ", "ещё по теме", "другие новости",
    NULL,
};

bool phrase_related(const char *t, size_t len)
{
    char f[PHRASE_MAX];
    size_t n;
    if (!fold(t, len, f, &n) || n == 0)
        return false;
    if (in_list(f, related_whole))
        return true;
    if (count_words(f) <= 6 && prefix_in(f, related_prefix))
        return true;
    // "Related articles from the Courier's blog".
    static const char *const rel[] = {"related articles ", "related posts ",
                                      "related stories ", "related news ",
                                      "related reading ", NULL};
    if (count_words(f) <= 8 && prefix_in(f, rel))
        return true;
    // "More Great Courier Stories", "More Business News".
    if (strncmp(f, "more ", 5) == 0 && count_words(f) <= 6 &&
        (n > 8 && (strcmp(f + n - 7, "stories") == 0 ||
                   strcmp(f + n - 4, "news") == 0 ||
                   strcmp(f + n - 8, "articles") == 0 ||
                   strcmp(f + n - 6, "videos") == 0)))
        return true;
    return false;
}

/* The heads of a ticker of the site's latest stories: "what is happening
 * now" in the languages news is most often written in. */
static const char *const ticker_whole[] = {
    "happening now", "just in", "news ticker", "newsticker", "live ticker",
    "liveticker", "live-ticker", "právě se děje", "práve sa deje",
    "gerade passiert", "das passiert gerade", "le fil info", "fil info",
    "лента новостей", "стрічка новин", NULL,
};

bool phrase_ticker(const char *t, size_t len)
{
    char f[PHRASE_MAX];
    size_t n;
    return fold(t, len, f, &n) && n > 0 && in_list(f, ticker_whole);
}

/* Lines that are only furniture, whole. */
static const char *const furniture_whole[] = {
    "advertisement", "advertising", "advert", "ad", "ads", "sponsored",
    "sponsored content", "sponsored ad", "paid content", "partner content", "anzeige",
    "publicidade", "publicidad", "publicité", "pubblicità", "реклама",
    "share", "share this", "share this article", "share this story",
    "share this post", "share on facebook", "share on twitter",
    "share your thoughts with friends", "sharing is caring",
    "like this story? share it with a friend", "tweet", "email",
    "print", "comments", "comment", "leave a comment", "post comment",
    "add a comment", "leave a reply", "reply", "no comments", "one comment",
    "previous post", "next post", "previous article", "next article",
    "older post", "newer post", "older posts", "newer posts",
    "post navigation", "pin this", "pin it", "pin this for later",
    "pin it for later", "pin for later", "save this pin",
    "add comment", "view comments", "show comments", "follow us",
    // Comment links in German, French, Spanish, Portuguese, Italian.
    "kommentieren", "jetzt kommentieren", "kommentar schreiben",
    "kommentare", "kommentar", "commenter", "commentaires",
    "laisser un commentaire", "comentar", "comentarios", "comentários",
    "deja un comentario", "deixe um comentário", "commenta", "commenti",
    "lascia un commento",
    "subscribe", "sign up", "click here", "continue reading",
    "skip advertisement", "story continues below",
    "story continues below advertisement", "article continues below",
    "article continues below advertisement", "continue reading below",
    "scroll to continue with content", "advertisement - page continues below",
    "advertisement - story continues below", "loading", "more", "watch",
    "loading posts", "no more posts", "load more", "load more posts",
    "show more", "more posts",
    // A blog's like button and an embedded post's placeholder.
    "like this", "like loading", "gefällt mir", "liken lade",
    "view this post on instagram", "sieh dir diesen beitrag auf instagram an",
    "voir cette publication sur instagram", "ver esta publicación en instagram",
    "listen", "next", "previous", "back to top", "close", "menu",
    "search", "home", "accessibility links", "breaking news",
    "skip to content", "skip to main content", "image", "photo", "video",
    "main content", "hauptinhalt", "contenu principal", "contenido principal",
    "caption", "enlarge this image", "toggle caption", "hide caption",
    "expand", "view gallery", "open gallery", "back to gallery",
    "copy link", "link copied", "reuse this content", "image copyright",
    "media playback is unsupported on your device", "topics", "tags",
    "tagged", "filed under", "categories", "category", "by", "von",
    "par", "por", "di", "door", "av", "tell us what you think",
    "get short url", "compartilhe", "compartir", "partager", "teilen",
    "condividi", "поделиться", "шарить", "whatsapp", "facebook",
    "share article", "share the article", "share this page",
    // An audio player's label, in the languages news is most often
    // written in: herald is the page's reader.
    "listen to this article", "listen to article", "listen to the article",
    "listen to this story", "artikel anhören", "artikel vorlesen lassen",
    "beitrag anhören", "écouter cet article", "écouter l'article",
    "escuchar esta noticia", "escuchar artículo", "escuchar este artículo",
    "ouça este conteúdo", "ouvir este conteúdo", "ouça esta notícia",
    "ascolta l'articolo", "ascolta questo articolo", "posłuchaj artykułu",
    "прослушать статью", "слушать статью",
    // "Report a mistake" as a head or a button of its own (as the start
    // of a paragraph, words/notice.txt has it).
    "report a mistake", "report an error", "report an issue", "fehler melden",
    "einen fehler melden", "signaler une erreur", "reportar un error",
    "reportar error", "segnala un errore", "zgłoś błąd", "nahlásit chybu",
    "сообщить об ошибке",
    // Buttons that hand the page to another service.
    "summarize this article with", "summarise this article with",
    "add as preferred source", "add us as a preferred source on google",
    "print this page", "print this article", "print article", "print page",
    // A recipe card's buttons (printing: furniture_prefix below).
    "pin recipe", "save recipe", "jump to recipe", "rezept merken",
    "rezept speichern", "zum rezept", "imprimir receita",
    "artikel drucken", "seite drucken", "drucken", "imprimer",
    "imprimer l'article", "imprimir", "imprimir noticia", "stampa",
    "stampa articolo", "drukuj", "печать", "распечатать",
    "artikel teilen", "beitrag teilen", "diesen artikel teilen",
    "möchten sie den artikel teilen", "möchten sie diesen artikel teilen",
    "partager cet article", "partager l'article", "compartir esta noticia",
    "comparte esta noticia", "compartilhe esta notícia",
    "condividi l'articolo", "condividi questo articolo",
    "udostępnij", "поделиться статьей", "поделиться новостью",
    "twitter", "linkedin", "pinterest", "reddit", "telegram",
    // Labels of tag and author lists in German, Spanish, Portuguese.
    "schlagworte", "schlagwörter", "stichworte", "stichwörter", "themen",
    "autoren", "temas", "etiquetas", "submit",
    // The label of an author's name or box.
    "author", "authors", "autor", "autorin", "auteur", "autore", "autora",
    // A site builder's stock form messages, shown by a script.
    "thank you! your submission has been received",
    "oops! something went wrong while submitting the form",
    // The head of a table of contents (its list is links).
    "table of contents", "contents", "on this page", "in this article",
    "jump to", "jump to section", "inhaltsverzeichnis", "inhalt",
    "sommaire", "table des matières", "índice", "contenido", "contenidos",
    "índice de contenidos", "sumário", "indice", "sommario", "spis treści",
    "obsah", "inhoud", "inhoudsopgave", "innehåll", "innhold",
    "sisällys", "содержание", "зміст", "目次", "目录", "目錄", "목차",
    "المحتويات",
    NULL,
};

/* Lines that start furniture (checked on short lines only). */
static const char *const furniture_prefix[] = {
    "read more:", "read more at", "read more about", "related:",
    "see also:", "also read:", "also see:", "read also:", "more:",
    "sign up for", "sign up to", "subscribe to", "follow us on",
    "follow us:", "click here to", "click to share", "share this",
    "share on", "recommended:", "watch:", "watch the video",
    "listen to this", "listen:", "download the", "get the latest",
    "get our", "join our", "want more", "like us on", "copyright ©",
    "© ", "all rights reserved", "this article was originally",
    "we use cookies", "by continuing to", "have a news tip",
    "your browser does not support", "leia também:", "veja também:",
    "lesen sie auch:", "lire aussi:", "à lire aussi:", "lee también:",
    "leggi anche:", "читайте также:", "baca juga:", "tags:", "tagged:",
    "topics:", "filed under:", "categories:", "share your thoughts",
    // "Follow us on …" in German, French, Spanish, Portuguese, Italian.
    "folgen sie uns auf", "folge uns auf", "folgt uns auf",
    "suivez-nous sur", "síguenos en", "siguenos en",
    "siga-nos no", "siga-nos nas", "seguici su",
    // A recipe card's row of buttons ("Rezept drucken Bei Pinterest
    // speichern").
    "print recipe", "rezept drucken", "imprimer la recette",
    "imprimir receta", "stampa ricetta",
    // An advertisement's label before its offer ("Advertisement: New AI
    // Book!", "ANZEIGE - Heute mal ausgehen?"); not "Werbung", which
    // heads a school's lesson on advertising as well.
    "advertisement:", "advertisement -", "advertisement –", "anzeige:",
    "anzeige -", "anzeige –", "publicidad:", "publicité:", "pubblicità:",
    "реклама:", NULL,
};

bool phrase_furniture(const char *t, size_t len, uint32_t chars)
{
    char f[PHRASE_MAX];
    size_t n;
    if (!fold(t, len, f, &n))
        return false;
    if (in_list(f, furniture_whole))
        return true;
    // A comment count ("0 Comments", "12 responses") heads the comments.
    size_t d = 0;
    while (d < n && isdigit((unsigned char)f[d]))
        d++;
    if (d > 0 && d <= 6 && f[d] == ' ' &&
        (strcmp(f + d + 1, "comments") == 0 || strcmp(f + d + 1, "comment") == 0 ||
         strcmp(f + d + 1, "responses") == 0 || strcmp(f + d + 1, "replies") == 0))
        return true;
    // fold() cut only the line's trailing punctuation, so "Read more:
    // Train strike" still starts "read more:".
    return chars < 160 && prefix_in(f, furniture_prefix);
}

/* The labels of a teaser's link to the rest of its story. */
static const char *const read_on[] = {
    "read more", "continue reading", "keep reading", "read the full story",
    "read full story", "read the rest", "weiterlesen", "mehr lesen",
    "zum artikel", "lire la suite", "lire plus", "leer más", "seguir leyendo",
    "continuar leyendo", "leia mais", "continue lendo",
    "leggi tutto", "leggi di più", "continua a leggere", "lees meer",
    "verder lezen", "läs mer", "les mer", "læs mere", "lue lisää",
    "czytaj więcej", "czytaj dalej", "číst dále", "devamını oku",
    "читать далее", "читать дальше", "подробнее", "続きを読む",
    NULL,
};

bool phrase_read_on(const char *t, size_t len)
{
    size_t end = trail_cut(t, len, true);
    if (end < 40)
        return false;
    size_t from = end - 40;
    while (from < end && ((unsigned char)t[from] & 0xc0) == 0x80)
        from++;
    char f[PHRASE_MAX];
    size_t n;
    if (!fold(t + from, end - from, f, &n))
        return false;
    for (const char *const *w = read_on; *w; w++) {
        size_t m = strlen(*w);
        if (n <= m || !strchr(" [", f[n - m - 1]) || memcmp(f + n - m, *w, m) != 0)
            continue;
        // The same words end sentences too ("... to learn more."): a
        // label starts with a capital, or stands after a sentence's end,
        // an ellipsis or a bracket.
        const unsigned char *label = (const unsigned char *)t + end - m;
        if (label < (const unsigned char *)t + 2)
            return false;
        unsigned char before = label[-2];
        return *label >= 0x80 || isupper(*label) || label[-1] == '[' ||
               before == '.' || before == '!' || before == '?' ||
               (label >= (const unsigned char *)t + 4 && label[-4] == 0xe2 &&
                label[-3] == 0x80 && before == 0xa6);
    }
    return false;
}

/* ---- dates, reading times, disclosures ---------------------------------- */

static const char *const date_words[] = {
    // English months and days, short and long, and clock words.
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "january", "february", "march", "april", "june",
    "july", "august", "september", "october", "november", "december",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "am", "pm", "a", "p", "m", "utc", "gmt", "et", "est", "edt",
    "ct", "cst", "cdt", "mt", "mst", "pt", "pst", "pdt", "bst", "cet",
    "cest", "ist", "jst", "aest", "h", "hrs", "uhr",
    "published", "updated", "posted", "modified", "first", "last", "on",
    "at", "date", "time", "and", "of", "st", "nd", "rd", "th", "ago",
    "today", "yesterday", "hours", "hour", "minutes", "min", "mins",
    // Other languages: months, "published", "updated", "on", "at".
    "januar", "februar", "märz", "mai", "juni", "juli", "oktober",
    "dezember", "veröffentlicht", "veröffentlichung", "aktualisiert", "am", "um", "stand",
    "janvier", "février", "mars", "avril", "juin", "juillet", "août",
    "septembre", "octobre", "novembre", "décembre", "publié", "mis",
    "à", "jour", "le", "lundi", "mardi", "mercredi", "jeudi", "vendredi",
    "samedi", "dimanche",
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
    "agosto", "septiembre", "octubre", "noviembre", "diciembre",
    "publicado", "actualizado", "atualizado", "el", "em", "de", "del",
    "às", "las", "janeiro", "fevereiro", "março", "maio", "junho",
    "julho", "setembro", "outubro", "novembro", "dezembro",
    "gennaio", "febbraio", "aprile", "maggio", "giugno", "luglio",
    "settembre", "ottobre", "dicembre", "pubblicato", "aggiornato", "il",
    "alle", "gepubliceerd", "bijgewerkt", "op", "om", "mei",
    "januari", "februari", "maret", "agustus", "desember", "diterbitkan",
    "diperbarui", "pada", "pukul", "wib",
    "января", "февраля", "марта", "апреля", "мая", "июня", "июля",
    "августа", "сентября", "октября", "ноября", "декабря",
    "опубликовано", "обновлено", "в", "г",
    "기사입력", "최종수정", "입력", "수정", "승인",
    "erstellt", "geändert", "datum", "julkaistu", "päivitetty",
    "stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca",
    "sierpnia", "września", "października", "listopada", "grudnia",
    "dodano", "opublikowano", "aktualizacja", "zaktualizowano", "o",
    "ledna", "února", "března", "dubna", "května", "června", "července",
    "srpna", "září", "října", "listopadu", "prosince", "publikováno",
    "aktualizováno", "vloženo",
    NULL,
};

static bool word_in(const char *w, size_t n, const char *const *list)
{
    for (const char *const *x = list; *x; x++)
        if (strlen(*x) == n && memcmp(w, *x, n) == 0)
            return true;
    return false;
}

static bool is_word_byte(unsigned char c)
{
    return isalnum(c) || c >= 0x80;
}

/* Is the word a number (digits with at most one trailing ordinal or
 * clock letter: "19", "19th", "10h30", "2019")? */
static bool numeric(const char *w, size_t n)
{
    size_t d = 0;
    for (size_t k = 0; k < n; k++)
        if (isdigit((unsigned char)w[k]))
            d++;
    return d > 0 && d + 2 >= n;
}

static const char *const month_words[] = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "january", "february", "march", "april", "june",
    "july", "august", "september", "october", "november", "december",
    "januar", "februar", "märz", "mai", "juni", "juli", "oktober",
    "dezember", "janvier", "février", "mars", "avril", "juin", "juillet",
    "août", "septembre", "octobre", "novembre", "décembre", "enero",
    "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
    "septiembre", "octubre", "noviembre", "diciembre", "janeiro",
    "fevereiro", "março", "maio", "junho", "julho", "setembro", "outubro",
    "novembro", "dezembro", "gennaio", "febbraio", "aprile", "maggio",
    "giugno", "luglio", "settembre", "ottobre", "dicembre", "januari",
    "februari", "maret", "mei", "agustus", "desember", "января",
    "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
    "сентября", "октября", "ноября", "декабря", "stycznia", "lutego",
    "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września",
    "października", "listopada", "grudnia", "ledna", "února", "března",
    "dubna", "května", "června", "července", "srpna", "září", "října",
    "listopadu", "prosince", NULL,
};

bool phrase_dateline(const char *t, size_t len)
{
    char f[PHRASE_MAX];
    size_t n;
    if (len > 160 || !fold(t, len, f, &n) || n == 0)
        return false;
    size_t words = 0, nums = 0, dates = 0, days = 0;
    bool by = false;
    size_t after_by = 0;
    for (size_t k = 0; k < n;) {
        while (k < n && !is_word_byte((unsigned char)f[k]))
            k++;
        size_t s = k;
        while (k < n && is_word_byte((unsigned char)f[k]))
            k++;
        if (k == s)
            break;
        const char *w = f + s;
        size_t m = k - s;
        if (by) {
            after_by++;
            continue;
        }
        words++;
        if (m == 2 && memcmp(w, "by", 2) == 0) {
            // "... by Jane Doe": the name that follows is not a date.
            by = true;
            continue;
        }
        if (numeric(w, m)) {
            nums++;
            if (m == 4 && (memcmp(w, "19", 2) == 0 || memcmp(w, "20", 2) == 0))
                days++;     // a year
        } else if (word_in(w, m, month_words)) {
            dates++;
            days++;
        } else if (word_in(w, m, date_words)) {
            dates++;
        } else {
            return false;
        }
    }
    if (by && (after_by == 0 || after_by > 5))
        return false;
    // A date, not only a clock time ("10 p.m." heads a live update): a
    // month or a year.
    return nums >= 1 && days >= 1;
}

bool phrase_reading_time(const char *t, size_t len)
{
    static const char *const unit[] = {
        "min", "mins", "minute", "minutes", "minuto", "minutos", "minuti",
        "minuten", "minuut", "minut", "minuty", "минута", "минуты", "минут",
        "мин", "분", "dakika", "menit", NULL,
    };
    static const char *const read[] = {
        "read", "reading", "leitura", "lectura", "lecture", "lesezeit",
        "lesedauer", "lettura", "leestijd", "czytania", "чтения", "чтение",
        "읽기", "okuma", "baca", NULL,
    };
    char f[PHRASE_MAX];
    size_t n;
    if (len > 80 || !fold(t, len, f, &n))
        return false;
    bool num = false, u = false, r = false;
    for (size_t k = 0; k < n;) {
        while (k < n && !is_word_byte((unsigned char)f[k]))
            k++;
        size_t s = k;
        while (k < n && is_word_byte((unsigned char)f[k]))
            k++;
        if (k == s)
            break;
        if (numeric(f + s, k - s))
            num = true;
        else if (word_in(f + s, k - s, unit))
            u = true;
        else if (word_in(f + s, k - s, read))
            r = true;
    }
    return num && u && r;
}

bool phrase_rating(const char *t, size_t len)
{
    static const char *const nouns[] = {
        "votes", "vote", "stars", "star", "ratings", "rating", "reviews",
        "sterne", "sternen", "stimmen", "bewertungen", "bewertung",
        "étoiles", "avis", "estrellas", "votos", "valoraciones",
        "reseñas", "opiniones", "avaliações", "stelle", "voti",
        "recensioni", "valutazioni", "gwiazdek", "głosów", "ocen",
        "hvězdiček", "hlasů", "звезд", "звёзд", "голосов", "оценок",
        "отзывов", NULL,
    };
    static const char *const glue[] = {
        "from", "of", "out", "based", "on", "von", "aus", "basierend", "auf",
        "sur", "basé", "de", "sobre", "basado", "en", "com", "base", "su",
        "di", "sulla", "z", "na", "из", "на", "основе", NULL,
    };
    char f[PHRASE_MAX];
    size_t n;
    if (len > 60 || !fold(t, len, f, &n))
        return false;
    // The servings buttons of a recipe card: "1x2x3x", "1x 2x 3x".
    size_t k = 0, times = 0;
    while (k < n && isdigit((unsigned char)f[k])) {
        while (k < n && isdigit((unsigned char)f[k]))
            k++;
        if (k >= n || f[k] != 'x')
            break;
        k++;
        times++;
        while (k < n && f[k] == ' ')
            k++;
    }
    if (times >= 2 && k == n)
        return true;
    // A poll's result ("65% – 1 голосов") is the story's, not a widget's.
    if (memchr(f, '%', n))
        return false;
    int nums = 0, noun = 0;
    for (k = 0; k < n;) {
        while (k < n && !is_word_byte((unsigned char)f[k]) && f[k] != '.')
            k++;
        size_t s0 = k;
        while (k < n && (is_word_byte((unsigned char)f[k]) ||
                         (f[k] == '.' && k + 1 < n && isdigit((unsigned char)f[k + 1])) ||
                         (f[k] == ',' && k + 1 < n && isdigit((unsigned char)f[k + 1]))))
            k++;
        if (k == s0) {
            k++;
            continue;
        }
        const char *w = f + s0;
        size_t m = k - s0;
        size_t d = 0;
        for (size_t i = 0; i < m; i++)
            if (isdigit((unsigned char)w[i]) || w[i] == '.' || w[i] == ',')
                d++;
        if (d == m)
            nums++;
        else if (word_in(w, m, nouns))
            noun++;
        else if (!word_in(w, m, glue))
            return false;
    }
    return noun >= 1 && nums >= 1 && (nums >= 2 || n >= 8);
}

bool phrase_disclosure(const char *t, size_t len)
{
    static const char *const marks[] = {
        "affiliate commission", "earn a commission", "receive a commission",
        "earn an affiliate", "affiliate link", "may get a share of",
        "may earn a small commission", "we may earn", "may receive compensation",
        "comissão de afiliado", NULL,
    };
    if (len > 400)
        return false;
    char f[512];
    size_t k = 0;
    for (; k < len && k + 1 < sizeof f; k++)
        f[k] = (char)tolower((unsigned char)t[k]);
    f[k] = '\0';
    for (const char *const *m = marks; *m; m++)
        if (strstr(f, *m))
            return true;
    return false;
}

/* ---- promotions and credits --------------------------------------------- */

static bool contains_any(const char *f, const char *const *list)
{
    for (const char *const *w = list; *w; w++)
        if (strstr(f, *w))
            return true;
    return false;
}

bool phrase_promo(const char *t, size_t len)
{
    static const char *const signup[] = {
        "sign up", "signup", "subscribe", "register for", "abonnieren",
        "anmelden", "melde dich", "melden sie sich", "trag dich",
        "tragen sie sich", "abonnez-vous", "inscrivez-vous", "inscreva-se",
        "assine", "suscríbete", "suscribete", "iscriviti", "подпишитесь",
        "подписывайтесь", NULL,
    };
    static const char *const letter[] = {
        "newsletter", "inbox", "mailing list", "boletín", "рассылк", NULL,
    };
    static const char *const act[] = {
        "follow ", "subscribe", "download ", "get ", "watch ", "listen ",
        "sign up", "join ", NULL,
    };
    char f[PHRASE_MAX * 2];
    if (len >= sizeof f)
        return false;
    size_t k = 0;
    for (; k < len; k++)
        f[k] = (char)tolower((unsigned char)t[k]);
    f[k] = '\0';
    // "Sign up for our free daily newsletter" and its kin.
    if (len < 300 && contains_any(f, signup) && contains_any(f, letter))
        return true;
    // "Do you want to be informed of our actions? Sign up here".
    static const char *const here[] = {
        "sign up here", "subscribe here", "hier anmelden", "jetzt anmelden",
        "hier abonnieren", "jetzt abonnieren", "inscrivez-vous ici",
        "suscríbete aquí", "iscriviti qui", NULL,
    };
    size_t e = len;
    while (e > 0 && strchr(" .!:»>\xe2\x80\xba\xc2\xbb", f[e - 1]))
        e--;
    for (const char *const *h = here; len < 150 && *h; h++) {
        size_t m = strlen(*h);
        if (e >= m && memcmp(f + e - m, *h, m) == 0)
            return true;
    }
    // "Follow our full coverage at https://..."
    if (len < 200 && (strstr(f, "http://") || strstr(f, "https://") ||
                      strstr(f, "www.")))
        for (const char *const *w = act; *w; w++)
            if (strncmp(f, *w, strlen(*w)) == 0)
                return true;
    return false;
}

/* Is w[0..n) a job word of the press? */
static bool job_word(const char *w, size_t n)
{
    static const char *const jobs[] = {
        "writer", "editor", "reporter", "curator", "correspondent",
        "journalist", "columnist", "contributor", "author", "producer",
        "publisher", "critic", "editor-in-chief", "freelance", "blogger",
        "host", "analyst", NULL,
    };
    for (const char *const *j = jobs; *j; j++) {
        size_t m = strlen(*j);
        if (n >= m && n <= m + 1 && strncmp(w, *j, m) == 0)  // plural 's'
            return true;
    }
    return false;
}

/* "Jane Doe (jane@x.org) is a senior writer at ...": up to five
 * capitalised words, an optional parenthesis, "is"/"was", and a job word
 * in the same sentence. */
static bool author_bio(const char *t, size_t len)
{
    size_t k = 0, names = 0;
    while (k < len && names < 6) {
        unsigned char c = (unsigned char)t[k];
        if (!(isupper(c) || c >= 0xc0))
            break;
        while (k < len && t[k] != ' ')
            k++;
        names++;
        while (k < len && t[k] == ' ')
            k++;
    }
    if (names == 0 || names > 5)
        return false;
    if (k < len && t[k] == '(') {
        const char *close = memchr(t + k, ')', len - k < 120 ? len - k : 120);
        if (!close)
            return false;
        k = (size_t)(close - t) + 1;
        while (k < len && t[k] == ' ')
            k++;
    }
    if (!(len - k > 3 && (strncmp(t + k, "is ", 3) == 0 ||
                          strncmp(t + k, "was ", 4) == 0)))
        return false;
    // A job word before the sentence ends.
    for (size_t s = k; s < len && s < k + 160 && t[s] != '.';) {
        while (s < len && !isalpha((unsigned char)t[s]) && t[s] != '.')
            s++;
        size_t b = s;
        char w[32];
        size_t n = 0;
        while (s < len && (isalpha((unsigned char)t[s]) || t[s] == '-')) {
            if (n + 1 < sizeof w)
                w[n++] = (char)tolower((unsigned char)t[s]);
            s++;
        }
        if (s == b)
            break;
        if (job_word(w, n))
            return true;
    }
    return false;
}

static bool agency_line(const char *t, size_t len);

bool phrase_about_author(const char *t, size_t len)
{
    static const char *const heads[] = {
        "about the author", "about the authors", "about the writer",
        "about the reporter", "meet the author", "author bio",
        "about the reviewer", "about the editor", "about the contributor",
        "about the contributors", "about the expert", "meet your guide",
        "meet the expert", "meet the experts", "written by", "reviewed by",
        "article written by", "article reviewed by", "medically reviewed by",
        "fact checked by",
        "über den autor", "über die autorin", "über die autoren",
        "zum autor", "zur autorin", "à propos de l'auteur",
        "à propos de l’auteur", "à propos de l'autrice", "sobre el autor",
        "sobre la autora", "sobre o autor", "sobre a autora",
        "sull'autore", "sull’autore", "o autorze", "over de auteur",
        "об авторе", "об автора", "著者について", "著者紹介",
        "作者简介", "关于作者", "作者簡介", "關於作者",
        NULL,
    };
    return short_head_in(t, len, heads);
}

bool phrase_contact(const char *t, size_t len)
{
    static const char *const heads[] = {
        "contact", "contacts", "press contact", "press contacts",
        "media contact", "media contacts", "contact us", "media enquiries",
        "media inquiries", "press enquiries", "press inquiries",
        "kontakt", "pressekontakt", "medienkontakt", "kontakt für medien",
        "ansprechpartner", "ansprechpartnerin", "ansprechpartner/in",
        "ansprechpartner*in", "ansprechpartner:in", "ihr ansprechpartner",
        "ihre ansprechpartnerin", "ansprechpartner zum thema",
        "ansprechpartnerin zum thema", "für rückfragen", "rückfragen",
        "contact presse", "contacts presse", "contact média", "contacto",
        "contacto de prensa", "contacto para medios", "contato",
        "contato para imprensa", "assessoria de imprensa", "contatti",
        "contatto stampa", "ufficio stampa", "perscontact", "kontaktperson",
        "presskontakt", "kontakt dla mediów", "контакты", "контакт для сми",
        "контакты для сми",
        NULL,
    };
    return short_head_in(t, len, heads);
}

bool phrase_disclaimer(const char *t, size_t len)
{
    static const char *const heads[] = {
        "disclaimer", "disclaimers", "disclosure", "disclosures",
        "disclaimer & disclosures", "disclaimer and disclosures",
        "disclaimers & disclosures", "legal disclaimer", "legal notice",
        "important disclosures", "haftungsausschluss", "rechtlicher hinweis",
        "aviso legal", "descargo de responsabilidad", "avertissement",
        "avis de non-responsabilité", "clause de non-responsabilité",
        "esclusione di responsabilità", "isenção de responsabilidade",
        "отказ от ответственности", "免責事項", "免责声明", "免責聲明",
        NULL,
    };
    return short_head_in(t, len, heads);
}

bool phrase_credit(const char *t, size_t len)
{
    static const char *const starts[] = {
        "with reporting by", "with additional reporting", "additional reporting",
        "reporting by", "reported by", "compiled by", "editing by",
        "edited by", "writing by", "written by", "contributing:",
        "contributors:", "with files from", "with input from", NULL,
    };
    static const char *const inside[] = {
        "contributed to this report", "contributed reporting",
        "contributed to this story", "contributed to this article",
        "contributed additional reporting", NULL,
    };
    if (len > 500)
        return false;
    char f[512];
    size_t k = 0;
    for (; k < len; k++)
        f[k] = (char)tolower((unsigned char)t[k]);
    f[k] = '\0';
    // Past an opening "(", "[", "--" or a dash.
    const char *s = f;
    for (;;) {
        if (*s == '(' || *s == '[' || *s == '-' || *s == ' ' || *s == '*')
            s++;
        else if ((unsigned char)s[0] == 0xe2 && (unsigned char)s[1] == 0x80 &&
                 ((unsigned char)s[2] == 0x93 || (unsigned char)s[2] == 0x94))
            s += 3;
        else
            break;
    }
    if (len <= 300 && (prefix_in(s, starts) || contains_any(f, inside)))
        return true;
    // The word lists, in every language: "Con información de AP", "Avec
    // AFP", "Mit Material von dpa", "По материалам ТАСС", "(dpa)".
    size_t skip = (size_t)(s - f);
    if (len <= 300 && (words_prefix(t + skip, len - skip, words_credit) ||
                       words_find(t, len, words_credit_inside, NULL)))
        return true;
    if (agency_line(t, len))
        return true;
    return author_bio(t, len);
}

/* Separators between agency names: spaces, brackets, slashes, dashes,
 * commas and "and" in a few languages. */
static size_t agency_sep(const char *t, size_t len)
{
    static const char *const seps[] = {
        " ", "(", ")", "[", "]", "/", ",", ";", "-", "+", "&", ".",
        "\xe2\x80\x93", "\xe2\x80\x94", "\xc2\xb7", "\xef\xbc\x88",
        "\xef\xbc\x89", "\xe3\x80\x90", "\xe3\x80\x91", "\xe3\x80\x8c",
        "\xe3\x80\x8d", "\xe3\x80\x81", NULL,
    };
    static const char *const ands[] = {"and", "und", "et", "y", "e", "i",
                                       "\xd0\xb8", NULL};
    size_t k = 0;
    for (bool more = true; more && k < len;) {
        more = false;
        for (const char *const *w = seps; *w; w++) {
            size_t m = strlen(*w);
            if (k + m <= len && memcmp(t + k, *w, m) == 0) {
                k += m;
                more = true;
                break;
            }
        }
        if (!more) {
            size_t m = words_prefix(t + k, len - k, ands);
            if (m && k + m < len && t[k + m] == ' ') {
                k += m;
                more = true;
            }
        }
    }
    return k;
}

/* A short line made only of news agencies' names: "(dpa)", "AFP/Reuters",
 * "（共同）". */
static bool agency_line(const char *t, size_t len)
{
    if (len == 0 || len > 80)
        return false;
    size_t k = agency_sep(t, len), names = 0;
    while (k < len) {
        size_t m = words_prefix(t + k, len - k, words_agency);
        if (!m)
            return false;
        names++;
        k += m;
        k += agency_sep(t + k, len - k);
    }
    return names > 0;
}

bool phrase_photo_credit(const char *t, size_t len, bool *label_only)
{
    *label_only = false;
    if (len == 0 || len > 120)
        return false;
    size_t m = words_prefix(t, len, words_photo_credit);
    if (!m)
        return false;
    // The label alone ("Фото:"): its value follows on a line of its own.
    *label_only = words_whole(t, len, words_photo_credit);
    return true;
}

static size_t digits(const char *t, size_t len, unsigned *v)
{
    size_t k = 0;
    *v = 0;
    while (k < len && k < 4 && t[k] >= '0' && t[k] <= '9')
        *v = *v * 10 + (unsigned)(t[k++] - '0');
    return k < len && t[k] >= '0' && t[k] <= '9' ? 0 : k;
}

static size_t spaces(const char *t, size_t len)
{
    size_t k = 0;
    while (k < len && t[k] == ' ')
        k++;
    return k;
}

size_t phrase_counter(const char *t, size_t len, unsigned *n, unsigned *of)
{
    size_t k = words_prefix(t, len, words_gallery_item);
    k += spaces(t + k, len - k);
    size_t d = digits(t + k, len - k, n);
    if (!d)
        return 0;
    k += d;
    k += spaces(t + k, len - k);
    if (k < len && t[k] == '/') {
        k++;
    } else {
        size_t m = words_prefix(t + k, len - k, words_gallery_of);
        if (!m)
            return 0;
        k += m;
    }
    k += spaces(t + k, len - k);
    d = digits(t + k, len - k, of);
    if (!d || *n < 1 || *of < 2 || *n > *of)
        return 0;
    k += d;
    // The counter must end there: a space, a colon or the end, not
    // "1/2 cup" of a recipe (a counter ends the line or heads a caption
    // whose next word is capitalised or a symbol).
    while (k < len && (t[k] == ' ' || t[k] == ':' || t[k] == '.' ||
                       t[k] == '|' || t[k] == '-'))
        k++;
    if (k < len && t[k] >= 'a' && t[k] <= 'z')
        return 0;
    return k;
}

bool phrase_gallery(const char *t, size_t len)
{
    if (len == 0 || len > 120)
        return false;
    if (words_whole(t, len, words_gallery))
        return true;
    unsigned n, of;
    size_t k = phrase_counter(t, len, &n, &of);
    if (k > 0 && k == len)
        return true;
    // A gallery's size label: "14 Bilder", "12 photos", "(16 Videos)".
    size_t at = len > 2 && t[0] == '(' && t[len - 1] == ')' ? 1 : 0;
    k = digits(t + at, len - at, &n);
    return k > 0 && n >= 2 && at + k < len && t[at + k] == ' ' &&
           words_whole(t + at + k + 1, len - at - k - 1, words_gallery_count);
}

bool phrase_figure_label(const char *t, size_t len)
{
    if (len == 0 || len > 600)
        return false;
    size_t k = words_prefix(t, len, words_figure_label);
    if (!k)
        return false;
    k += spaces(t + k, len - k);
    // A number ("4", "2.1", "3a", "IV" is not one): up to six bytes.
    size_t d = 0;
    while (k + d < len && d < 6 &&
           ((t[k + d] >= '0' && t[k + d] <= '9') ||
            (d > 0 && (t[k + d] == '.' || (t[k + d] >= 'a' && t[k + d] <= 'z')) &&
             k + d + 1 < len && t[k + d + 1] != ' ')))
        d++;
    k += d;
    k += spaces(t + k, len - k);
    if (k >= len)
        return d > 0;
    // Then a colon, or a full stop, bar or dash after a number.
    if (t[k] == ':')
        return true;
    if (d == 0)
        return false;
    return t[k] == '.' || t[k] == '|' || t[k] == '-' ||
           (len - k >= 3 && memcmp(t + k, "\xe2\x80\x93", 3) == 0);
}

bool phrase_notice(const char *t, size_t len)
{
    return len > 0 && len <= 300 && words_prefix(t, len, words_notice) > 0;
}
