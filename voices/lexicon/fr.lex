# fr.lex — des noms de l'actualité qu'espeak-ng prononce mal en français.
# Une entrée par ligne : MOT = DIT (une graphie phonétique, ou des phonèmes
# d'espeak-ng entre [[ ]]).  En minuscules : quelle que soit la casse ;
# avec une majuscule : seulement ainsi écrit.  Vos propres entrées :
# $XDG_CONFIG_HOME/herald/voices/lexicon/fr.lex (`herald lexicon add`).

# Le chinois en pinyin : x se dit « ch », q « tch », zh « dj ».
Xi = Chi
Xi Jinping = Chi Djinpingue
qin = Tchine
biden = Baïdène
nguyen = Ngouyène
