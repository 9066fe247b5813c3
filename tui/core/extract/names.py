"""Word lists for recognising people: given names, titles, roles, speech verbs, stop words.

Hand-written and compact. Each list is one space-separated string split at import, so
the module loads in well under a millisecond. Entries are lower case unless said otherwise.
"""

from __future__ import annotations


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


# Common given names by usual gender (English-language news, plus frequent international names).
MALE_NAMES = _words("""
aaron abdul abdullah abraham adam adrian ahmad ahmed akira al alan albert alberto alejandro alex
alexander alexandre alexei alfred ali allen alvin amir anders andre andrea andreas andrei andres
andrew andy angel angelo anthony antoine anton antonio archie arnold arthur ashton austin barack
barry bashar ben benjamin benny bernard bernie bill billy bob bobby boris brad bradley brandon
brendan brent brett brian bruce bruno bryan byron caleb calvin cameron carl carlos carlo carson
cecil cesar chad charles charlie chase chester chris christian christoph christopher chuck clarence
claude clay clayton clifford clint clinton cody colin connor conrad corey cory craig curtis dale
dallas damian damon dan daniel danny dante darren darrell dave david dean dennis derek desmond
devin dick diego dmitry dmitri dominic don donald doug douglas duane duncan dustin dwayne dwight
earl eddie edgar eduardo edward edwin eli elias elijah elliot elliott elmer emanuel emil emilio
emmanuel enrique eric erik ernest ernesto ethan eugene evan fabio felipe felix fernando filippo
floyd francesco francis francisco frank franklin fred freddie frederick gabriel gareth garrett gary
gavin gene geoffrey george gerald gerard gerhard giovanni giuseppe glen glenn gordon graham grant
greg gregory guillermo gus gustavo guy hank hans harold harry harvey hassan hector helmut henri
henrik henry herbert herman hiroshi howard hugh hugo hussein ian igor isaac ivan jack jackson jacob
jacques jaime jake james jamie jared jason javier jay jean jeb jeff jeffrey jeremy jerome jerry
jesse jesus jim jimmy joachim joaquin joe joel johan johann john johnny jon jonathan jordan jorge
jose josef joseph josh joshua juan julian julio justin kai karl keith ken kenneth kent kevin khalid
kirk kurt kyle lamar lance larry lars laurent lawrence lee leo leon leonard leonardo leroy lester
lewis liam lindsey lloyd logan lorenzo louis lucas luigi luis luke malcolm manuel marc marcel
marcelo marco marcus mario mark marshall martin marvin mason mateo matt matteo matthew matthias
maurice max maxim maximilian melvin michael michel miguel mike miles milton mitch mitchell
mohamed mohammad mohammed muhammad moses murray nathan nathaniel neil nelson nicholas nick
nicolas nigel noah noel norman oleg oliver omar orrin oscar otto owen pablo paolo pat patrick paul
pedro pete peter phil philip philippe phillip pierre rafael ralph ramon randall randy raphael raul
ray raymond reggie reginald reid rex ricardo richard rick ricky rob robert roberto rod rodney roger
roland roman ron ronald ronnie ross roy ruben rudy rudolph russell ryan salvador sam samuel sean
sebastian sergei sergio seth shane shawn sheldon sidney simon stanley stefan stefano stephen
sterling steve steven stuart ted teddy terrence terry thaddeus theodore thomas tim timothy todd tom
tommy tony travis trent trevor troy tyler umberto vernon victor vincent vito vladimir wade walter
warren wayne wesley wilbur will willard william willie wolfgang xavier yuri yves zachary zach
""")

FEMALE_NAMES = _words("""
abby abigail ada adele adriana agnes aileen alexandra alexis alice alicia alison allison amanda
amber amelia amy ana andrea angela angelina angie anita ann anna anne annette annie antonia april
ashley audrey ava barbara beatrice becky belinda bernadette beth betsy betty beverly bonnie brenda
bridget brittany brooke camila candace cara carla carmen carol caroline carolyn cassandra catherine
cathy cecilia celia charlene charlotte chelsea cheryl chloe christina christine cindy claire clara
claudia colleen connie constance courtney crystal cynthia daisy dana danielle daphne darlene dawn
debbie deborah debra denise diana diane dianne dolores donna dora doris dorothy edith eileen elaine
eleanor elena elisabeth elise eliza elizabeth ella ellen elsa emily emma erica erin esther ethel
eva evelyn faith felicia fiona florence frances francesca gabriela gabrielle gail gina ginger
gladys gloria grace greta gwen hailey haley hannah harriet hazel heather heidi helen helena hilary
hillary holly ida ilhan ingrid irene iris isabel isabella jackie jacqueline jane janet janice jean
jeanne jennifer jenny jessica jill jo joan joanna joanne jodi josephine joy joyce judith judy julia
julie juliet june justine karen kate katherine kathleen kathryn kathy katie kay kayla kelly kim
kimberly kirsten kristen kristin kristina krysten laura lauren leah lena leslie lila lillian lily
linda lisa liz lois loretta lori lorraine louise lucia lucy lydia lynn mabel madeleine madeline
madison maggie mandy marcia margaret margarita maria marian marie marilyn marina marion marjorie
marla marsha martha mary maureen maxine megan meghan melania melanie melinda melissa michele
michelle mildred mindy miranda miriam molly monica nadia nancy naomi natalie natasha nicola nicole
nikki nina nora norma olga olivia paige pam pamela patricia patsy patty paula pauline peggy penny
phyllis priscilla rachel rebecca regina renee rita roberta robin rosa rosalind rose rosemary
ruth sabrina sally samantha sandra sara sarah sharon sheila shelley sherry shirley silvia sofia
sonia sophia sophie stacey stephanie sue susan susanne suzanne sylvia tamara tammy tanya tara
teresa theresa tiffany tina tracy valerie vanessa vera veronica vicki victoria viola violet
virginia vivian wanda wendy whitney yolanda yvonne zoe
""")

# Given names without a clear gender, or frequent in international news.
OTHER_NAMES = _words("""
alexis ashley avery bashir casey chen dana hao harper hui jamal jin jing jun kamala kareem kazuyoshi
kenichi kenji li lin ling madhu mahmoud masami min ming mustafa nadim naoki narendra nawaz rahul
raj rajesh ramzan recep riley rowan sanjay shinzo shu sunil takuya taylor tariq wei xi yan yang
yasser yoshihiko yoshiro yusuf zhang
""")

GIVEN_NAMES = MALE_NAMES | FEMALE_NAMES | OTHER_NAMES

# Titles that precede a name (lower case, dots removed) and the gender they imply, if any.
HONORIFICS: dict[str, str | None] = {
    **dict.fromkeys("mr sir lord king prince father brother".split(), "m"),
    **dict.fromkeys("mrs ms miss madam dame lady queen princess sister".split(), "f"),
    **dict.fromkeys(
        """dr prof professor sen senator rep representative gov governor gen general lt col sgt
        capt adm cmdr maj cpl pvt rev reverend judge justice pres president mayor sheriff
        chancellor ambassador secretary minister premier chairman chairwoman chair coach
        commissioner councilman councilwoman councillor councilor congressman congresswoman
        assemblyman assemblywoman delegate detective officer trooper inspector superintendent
        pope cardinal bishop archbishop rabbi imam sheikh emir ayatollah mullah saint
        speaker leader director dean principal attorney counsel solicitor prosecutor""".split(),
        None,
    ),
}

SALUTATIONS = frozenset({"dear"})
"""Words that open a letter's greeting: never part of the name or the role after them."""

# Words that make up role descriptions ("U.S. Deputy Secretary of State", "the senator").
ROLE_WORDS = _words("""
president vice secretary general minister prime deputy chief chairman chairwoman chair head
senator sen rep representative congressman congresswoman governor gov mayor ambassador envoy
senators representatives governors mayors ministers secretaries presidents leaders members
spokesman spokeswoman spokesperson press director manager coach captain striker goalkeeper
defender midfielder forward player leader speaker whip majority minority foreign defence defense
state treasury interior finance justice attorney commissioner commander chancellor king queen
prince princess emperor pope cardinal bishop archbishop judge justice candidate nominee
executive officer ceo cfo coo founder co-founder partner analyst economist strategist adviser
advisor aide official lawyer counsel prosecutor sheriff police detective inspector professor dean
president-elect secretary-general undersecretary under assistant associate senior junior acting
interim former then top lead principal chairperson lawmaker legislator delegate member
campaign manager pollster consultant organizer activist researcher scientist author writer
editor columnist reporter correspondent anchor host commentator historian veteran official
administrator superintendent trooper sergeant lieutenant colonel major captain admiral marshal
""")

# Capitalised words that never belong to a person name: function words, calendar words.
FUNCTION_WORDS = _words("""
a an the and but or nor for so yet if then than when while where whereas after before since until from
because although though as at by in into of off on onto out over per to under up upon via with
within without about above across against along among around behind below beneath beside besides
between beyond during except inside near outside through throughout toward towards despite
i me my we us our you your he him his she her it its they them their this that these those there
here who whom whose what which why how all any both each either every few many more most much
neither no none not nothing some such only own same also several other others another just even still already again ever never
now today tonight yesterday tomorrow yes okay ok please thanks thank hello hi dear oh well
i'm i'll i've i'd i’m i’ll i’ve i’d
is are was were be been being am do does did done have has had having will would shall should can
could may might must let lets asked says said according meanwhile however instead
january february march april june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
one two three four five six seven eight nine ten first second third last next new old
internet web online app email video photo photos image caption file reporting editing writing
sources source report reports statement interview update updated breaking exclusive watch read
officials analysts dealers traders witnesses police experts economists residents critics
observers investors lawyers doctors authorities organizers organisers scientists researchers
members leaders protesters supporters opponents voters fans players officers soldiers troops
rebels militants workers students teachers parents children women men people sources aides
staff spokesman spokeswoman spokesperson prosecutors investigators diplomats ministers
draw results result standings table scorers attendance
""")

# Words that mark an organisation, event, document or building: a capitalised sequence that
# contains one is not a person ("Daniel Webster College", "Asian Cup").
ORG_WORDS = _words("""
party committee council ministry department agency bureau office administration government
cabinet congress senate house parliament assembly legislature court courts supreme appeals
commission fund foundation trust bank corp corporation inc inc. ltd ltd. llc plc co co. company
group holdings partners association union federation league conference cup club team fc afc
university college school academy institute institution center centre hospital clinic museum
library church mosque temple cathedral army navy force forces marines guard police
service services board authority network news times post journal press herald tribune gazette
daily weekly magazine radio television tv channel media reuters associated afp cnn bbc nbc
abc cbs fox msnbc npr pbs politico twitter facebook google apple amazon microsoft youtube
instagram street avenue road square park bridge tower building hall plaza airport station
stadium arena river lake mountain mountains island islands bay sea ocean gulf coast valley
county state states province region district city town village kingdom republic empire
treaty accord agreement act law constitution amendment summit games olympics olympic
championship championships open tour prix series division round final finals stock exchange
index market markets airlines airways motors energy oil gas systems technologies industries
project program programme plan initiative campaign movement coalition alliance caucus
capitol pentagon kremlin downing broadway silicon white oval avenue cross crescent
war battle day week month year spring summer winter christmas easter
nations operation studies research affairs system management information intelligence security enforcement emergency convention award prize desk ground brothers bros society shipping resources mining mines steel chemical chemicals insurance
financial capital investments investment trading industries industry holding newsroom shield
real atletico athletic sporting dynamo hapoel maccabi betar borussia inter olympique rangers
united wanderers rovers athletics fc sc ac cf
""")

# Places and peoples: at the start of a capitalised sequence they modify a role
# ("California Attorney General Xavier Becerra"); on their own they are not people.
PLACE_WORDS = _words("""
north south east west northern southern eastern western central upper lower great greater
united national international federal democratic republican democrat democrats republicans gop
america american americans british britain english european europe african africa asian asia
chinese china japanese japan russian russia french france german germany italian italy spanish
spain mexican mexico canadian canada indian india israeli israel iranian iran iraqi iraq syrian
syria arab arabs muslim muslims christian christians jewish jews catholic protestant islamic
islam soviet korean korea pakistani pakistan afghan afghanistan ukrainian ukraine
palestinian palestinians turkish turkey egyptian egypt saudi brazilian brazil australian
australia irish ireland scottish scotland welsh wales dutch swiss swedish norwegian danish
polish greek portuguese belgian austrian hungarian czech cuban venezuelan colombian argentine
nigerian kenyan latino latina hispanic uzbek uzbekistan emirates lebanon jordanian libya libyan
washington york london paris berlin moscow beijing tokyo brussels geneva miami chicago boston
california texas florida iowa ohio virginia carolina georgia michigan pennsylvania arizona nevada
colorado wisconsin minnesota illinois indiana missouri tennessee kentucky alabama louisiana
mississippi arkansas oklahoma kansas nebraska dakota montana wyoming idaho utah oregon alaska
hawaii maine vermont hampshire massachusetts connecticut rhode jersey delaware maryland
u.s u.k u.n e.u d.c us usa uk un eu
los angeles san francisco las vegas detroit atlanta houston philadelphia baltimore seattle
denver phoenix cleveland orlando tampa hollywood manhattan brooklyn santa fe st saint
madrid barcelona munich amsterdam rotterdam bucharest belgrade zagreb sarajevo budapest prague
vienna warsaw kiev kyiv minsk riga vilnius tallinn helsinki stockholm oslo copenhagen dublin
edinburgh glasgow manchester liverpool birmingham leeds sheffield newcastle milan rome turin
naples florence venice bologna genoa lisbon porto seville valencia bilbao marseille lyon nice
hamburg frankfurt cologne bremen stuttgart dresden leipzig zurich bern athens istanbul ankara
jerusalem tel aviv haifa gaza beirut damascus baghdad tehran kabul islamabad karachi lahore delhi
mumbai bombay calcutta kolkata dhaka colombo bangkok hanoi saigon manila jakarta singapore
kuala lumpur seoul pyongyang shanghai hong kong taipei sydney melbourne perth brisbane adelaide
auckland wellington toronto montreal vancouver ottawa quebec havana caracas bogota lima santiago
buenos aires rio janeiro sao paulo brasilia cairo tripoli tunis algiers rabat casablanca lagos
nairobi johannesburg pretoria durban harare kinshasa addis ababa khartoum riyadh dubai doha
poland romania bulgaria serbia croatia bosnia slovenia slovakia albania macedonia hungary
austria belgium netherlands holland sweden norway denmark finland iceland portugal greece
cyprus malta estonia latvia lithuania belarus moldova georgia armenia azerbaijan kazakhstan
mongolia vietnam thailand cambodia laos burma myanmar malaysia indonesia philippines taiwan
zealand nepal bangladesh sri lanka morocco algeria tunisia sudan ethiopia somalia nigeria ghana
kenya uganda tanzania zimbabwe zambia angola congo senegal cameroon chile peru bolivia ecuador
uruguay paraguay argentina colombia venezuela panama nicaragua honduras guatemala salvador
jamaica haiti dominican qatar kuwait bahrain oman yemen burkina faso
""")

# Connectors that may stand inside a name ("Ludwig van Beethoven", "Nihad al-Boushi").
NAME_PARTICLES = _words("de da del della der den di du la le van von bin ibn al el dos das y")

# Suffixes that end a name.
NAME_SUFFIXES = _words("jr jr. sr sr. ii iii iv")

# Speech and attribution verbs, all inflected forms.
SPEECH_VERBS = _words("""
say says said saying tell tells told telling add adds added adding continue continues continued
state states stated note notes noted explain explains explained warn warns warned insist insists
insisted argue argues argued ask asks asked write writes wrote written tweet tweets tweeted
tweeting reply replies replied respond responds responded recall recalls recalled acknowledge
acknowledges acknowledged admit admits admitted declare declares declared announce announces
announced claim claims claimed conclude concludes concluded contend contends contended emphasize
emphasizes emphasized emphasise emphasised stress stresses stressed suggest suggests suggested
observe observes observed remark remarks remarked quip quips quipped joke jokes joked shout shouts
shouted yell yells yelled scream screams screamed cry cries cried exclaim exclaims exclaimed
mutter mutters muttered whisper whispers whispered complain complains complained boast boasts
boasted predict predicts predicted promise promises promised vow vows vowed urge urges urged
agree agrees agreed recount recounts recounted testify testifies testified maintain maintains
maintained posted post posts wrote summarize summarizes summarized summarise summarised
comment comments commented confirm confirms confirmed demand demands demanded describe describes
described call calls called calling mention mentions mentioned point points pointed reiterate
reiterates reiterated reflect reflects reflected tout touts touted thunder thundered chant
chanted chants beam beamed laugh laughed sigh sighed begin began begins concede concedes conceded
deny denies denied charge charges charged counter counters countered retort retorted
scoff scoffs scoffed snap snapped fume fumed gush gushed chuckle chuckled sneer sneered grumble
grumbled lament laments lamented muse mused wonder wondered marvel marveled concur concurred
assert asserts asserted allege alleges alleged caution cautions cautioned pledge pledged opine
opined elaborate elaborated clarify clarified reason reasoned proclaim proclaims proclaimed
report reports reported read reads rail railed blast blasts blasted slam slams slammed
acknowledging adding noting explaining warning insisting arguing asking writing replying
responding recalling declaring announcing claiming stating suggesting urging saying
boom booms boomed interject interjects interjected repeat repeats repeated reveal reveals revealed
accuse accuses accused accusing condemn condemns condemned echo echoes echoed assure assures assured
cite cites cited citing mock mocks mocked speculate speculates speculated
""")

# Abbreviations that end with a full stop inside a sentence ("Sen.", "Jan.", "Inc.").
ABBREVIATIONS = _words("""
mr mrs ms dr st sr jr vs sen rep gov gen lt col capt sgt adm cmdr prof rev maj cpl pvt pres atty
supt insp det hon msgr fr ald jan feb mar apr jun jul aug sep sept oct nov dec no inc corp co ltd
ft mt
""")


def is_abbreviation(word: str) -> bool:
    """Is ``word`` (without its final full stop) an abbreviation or initial ("J", "U.S", "Sen")?"""
    if len(word) == 1:
        return word.isupper()
    return "." in word or word.lower() in ABBREVIATIONS


# Words that refer back to a person.
PRONOUNS: dict[str, str | None] = {"he": "m", "she": "f", "they": None, "i": None, "we": None}
