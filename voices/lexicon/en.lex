# en.lex — how to say names in the news that espeak-ng's English voice
# gets wrong.  One entry a line: WORD = SAYS, where SAYS is a respelling or
# espeak-ng phonemes in [[ ]] (as `espeak-ng -x` prints them).  A word in
# lower case matches in any case; one with a capital matches only as
# written.  Your own entries go in $XDG_CONFIG_HOME/herald/voices/lexicon/
# en.lex (`herald lexicon add WORD SAYS`) and come before these.

# Chinese names in pinyin: x is "sh", q is "ch", zh is "j"; espeak-ng reads
# them as English spelling ("Xi" as "zai").  "Xi" keeps its capital so that
# the numeral XI and the Greek letter xi are left alone.
Xi = [[S'i:]]
Xi Jinping = [[S'i: dZ'InpIN]]
xinjiang = [[S,IndZI'aN]]
qin = [[tS'In]]
zhou = [[dZ'oU]]
guangzhou = [[gw,aNdZ'oU]]
shenzhen = [[S,EndZ'En]]

# Vietnamese
nguyen = [[w'In]]

# Names read as English words or with English stress
erdogan = [['e@d@w,A:n]]
sunak = [[s'u:nak]]
buttigieg = [[b'u:tIdZ,EdZ]]
navalny = [[n@v'alni]]
putin = [[p'u:tIn]]
houthi = [[h'u:Ti]]
houthis = [[h'u:Tiz]]
reykjavik = [[r'eIkj@v,i:k]]
