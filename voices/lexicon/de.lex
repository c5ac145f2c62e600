# de.lex — Namen aus den Nachrichten, die espeak-ng auf Deutsch falsch
# spricht.  Ein Eintrag je Zeile: WORT = SPRICH (eine Umschrift oder
# espeak-ng-Phoneme in [[ ]]).  Klein geschrieben: in jeder Schreibung;
# mit Großbuchstaben: nur so geschrieben.  Eigene Einträge:
# $XDG_CONFIG_HOME/herald/voices/lexicon/de.lex (`herald lexicon add`).

# Chinesisch in Pinyin: x ist "sch", q ist "tsch", zh ist "dsch".
Xi = Schi
Xi Jinping = Schi Dschinping
xinjiang = Schindschiang
qin = Tschin
nguyen = Ngujen
