"""Texts of the Linköping agreements, from the public records in shared/seeds/.

The 2024-2026 texts are those of seeds/003 (the agreement); the 2018 ones follow the memo
(seeds/002) and the first follow-up (seeds/000); the 2021 renewal kept "samma innehåll och
förutsättningar" (seeds/004), with Pingstförsamlingen in Sionförsamlingen's place.
"""

TITLE = "Social gemenskap, sammanhang och kamratstöd"

BACKGROUND_2024 = """Idéburet offentligt partnerskap (IOP) är en samverkansmodell mellan offentlig verksamhet och civilsamhällets organisationer i frågor som bland annat rör komplexa samhällsutmaningar.

I Linköping finns många människor som lever i socialt utanförskap. Det kan bland annat bero på tidigare beroendeproblematik, psykisk ohälsa, att man är nyanländ till Sverige eller att man har en livssituation som bidragit till begränsat socialt umgänge och ensamhet. Behovet av stöd är stort och många olika insatser är nödvändiga, såväl professionella som ideella.

IOGT-NTO har under flera år arbetat med kamratstöd, en verksamhet som fyller funktionen att erbjuda social samvaro och stärka enskilda individer att klara av vardagen och tillgodose sina medborgerliga rättigheter.

Pingstförsamlingen är en stor församling med omfattande utbud av stöd som möter många personer med skiftande bakgrund och arbetar aktivt för att bryta människors isolering och ensamhet."""

STARTING_POINTS = """Överenskommelsen utgår från politiska beslut som:
- Överenskommelse om samverkan mellan Linköpings kommun och idéburen sektor
- Kommunfullmäktiges budget samt kommunala mål och inriktningsdokument
- Kommunens handlingsplan för våld i nära relation och hedersrelaterat våld"""

SHARED_VALUES = """Partnerskapet ska bygga på respekt inför varandras olika förutsättningar. Det ska präglas av öppenhet och dialog som karaktäriseras av ömsesidig tillit, lyhördhet och förståelse. Även långsiktighet, transparens och acceptans för kritik är centralt i värdegrunden som denna överenskommelse vilar på. Vidare bygger överenskommelsen på varsam och respektfull hantering av de offentliga medlen som möjliggör verksamheten.

Samverkande parter behöver ha en samsyn kring arbetsmetoder och förhållningssätt. Den gemensamma värdegrunden tar sig uttryck i hur vi bemöter utsatta människor.

Den gemensamma värdegrund som varje samverkande part förväntas dela och bära utgår från:
- FN:s konvention om mänskliga rättigheter
- Barnkonventionen
- CEMR-deklarationen (Europeiska deklarationen för jämställdhet mellan kvinnor och män på lokal och regional nivå)
- Kommunens policys och riktlinjer"""

ACTORS_2024 = """Offentlig sektor: social- och omsorgsnämnden – Linköpings kommun.

Idéburen sektor: IOGT-NTO samt Pingstförsamlingen Linköping.

Organisationerna är inte vinstdrivande, partipolitiskt obundna och arbetar utifrån alla människors lika värde. Organisationernas arbete utgör i sig ett mervärde för de människor de möter. De är därmed ett komplement till Linköpings kommuns ordinarie verksamheter genom sin form och organisering."""

CHALLENGE = """Ambitionen är att alla linköpingsbor ska ges förutsättningar att leva ett hälsosamt liv med en meningsfull tillvaro samt inflytande över sin vardag."""

GOALS_INTRODUCTION_2024 = """Linköpings kommun, Pingstförsamlingen och IOGT-NTO vill med denna överenskommelse nå ut till målgrupper som vi gemensamt uppfattar i stor utsträckning saknar sociala sammanhang och mötesplatser. Detta för att öka människors delaktighet och främja människors hälsa och välbefinnande."""

GOALS = [
    "Överenskommelsens målsättning är att nå människor som lever i socialt utanförskap, "
    "ensamhet och isolering.",
    "Erbjuda social samvaro, gemenskap och bygga nätverk som stärker enskilda.",
    "Bidra till att människor får fungerande vardagsrutiner.",
    "Erbjuds kunskap om och förutsättningar att tillgodose sina medborgerliga rättigheter.",
    "En verksamhet där människor blir sedda, efterfrågade och respekterade för den de är. "
    "Verksamheten skall bidra till nya upplevelser, bryta gamla mönster, bygga tillit, "
    "självförtroende, engagemang och hopp om förändring.",
    "Genom tillgång till en ny social gemenskap, sammanhang och kamratstöd där det finns en "
    "blandning av personer med erfarenhet av social utsatthet som stödpersoner med stabila "
    "sociala förhållanden, med målsättningen att skapa en anda av trygghet, medmänsklighet "
    "och framtidstro.",
]

TARGET_GROUP_2024 = """Människor som lever och bor i Linköping med möjligheter att ta del av det svenska välfärdssystemet. Målgruppen är individer med skadligt bruk eller beroende, psykisk ohälsa, fattigdom, ensamma/socialt isolerade personer. Här finns både män, kvinnor, flickor och pojkar."""

TARGET_GROUP_2018 = """Målgruppen för denna IOP är människor som kommunen idag inte når med befintlig verksamhet. Människor som lever i samhället med möjligheter att ta del av det svenska välfärdssystemet men av olika anledningar inte använder och tar del av systemet. Det kan handla om personer som ”väljer” att stå utanför, personer med missbruk, psykisk ohälsa, fattigdom, ensamma/socialt isolerade personer. Här finns både män, kvinnor, flickor och pojkar."""

IOGT_RESPONSIBILITIES = [
    "IOGT-NTO:s Kamratstöd syftar till återfallsprevention samt att stärka enskilda individer "
    "med socialt utanförskap. Detta uppnås genom social samvaro och stöd i drogfri miljö där "
    "gruppen är det verktyg som får människor att växa i en anda av trygghet, medmänsklighet "
    "och framtidstro.",
    "Kamratstödsverksamheten vänder sig främst till människor med tidigare beroendeproblematik "
    "samt andra med socialt utanförskap såsom psykisk ohälsa. För att dessa ska kunna bygga nya "
    "relationer och nätverk är IOGT-NTO:s idé att bedriva en integrerad verksamhet med en "
    "blandning av människor med olika livserfarenheter och sociala förhållanden. Anhöriga, "
    "kvinnor och personer i eftervård är viktiga målgrupper.",
    "Genom denna överenskommelse får IOGT-NTO möjlighet att bedriva öppen verksamhet "
    "huvudsakligen vardagar under ca 220 dagar per år. I möjlig omfattning erbjuds personligt "
    "stöd dygnet runt, hjälp vid myndighetskontakter m.m. Därutöver erbjuds i viss omfattning "
    "gruppverksamheter, folkbildning, social samvaro och upplevelser.",
    "Verksamheten har utbyte och dialog med andra parter och samverkar bl.a. med "
    "studieförbundet NBV, ideella organisationer, lokala utförare, kommunen och berörda "
    "myndigheter. IOGT-NTO åtar sig att aktivt verka för att utveckla kontaktnätet i dialog "
    "med olika intressenter samt att regelbundet följa upp utfallet. I dialog med Linköpings "
    "kommun prövas fortlöpande nya möjligheter att nå ut till målgruppen.",
]

PINGST_RESPONSIBILITIES = [
    "Pingstförsamlingen vill vara en växtplats och hjälp för dem som lever i utanförskap, "
    "psykisk ohälsa, beroende, ensamhet och behov av integration att komma in i sammanhang men "
    "också till ny identitet. Fokus är öppna mötesplatser, event, relationsbyggande och "
    "utvecklande sammanhang i alkohol- och drogfria miljöer.",
    "En del av verksamheten är arbetsträning. Det innebär lokalvård, inköp, bak, tvätt, "
    "kreativt arbete, små reparationer, park- och trädgårdsarbete, möblering och matlagning "
    "till öppen försäljning. När personer i behov av struktur på dagen/närma sig arbete eller "
    "studier efterfrågar arbetsträning ses möjligheten över att erbjuda sådan.",
    "Vi arbetar strategiskt för att hela församlingen ska utgöra en bas för nya nätverk. Det "
    "gäller på LP-mötet, vid kyrkkaffet, församlingsdagar, läger mm där sunda relationer byggs.",
    "LP-arbetet – med möten, aktiviteter, öppen kontakt och läger för personer med "
    "beroendeproblematik, ensamhet mm. Professionellt stöd till barnen i arbetet ges 1 gång/mån.",
    "Celebrate Recovery – här jobbar man med specifika problem i liten grupp efter "
    "12-stegsprogram med tydlig grund i bibeln och vår tro.",
    "Utbildning väntar i höst för att starta mans-/kvinnogrupp att stärka jaget, föräldrarollen "
    "mm.",
    "Mötesplats Cupolen – hit kommer människor med ekonomiska behov för matkasse, kläder, "
    "hygienartiklar men även annat stöd som samtal mm. Barnen inbjuds till verksamhet riktad "
    "mot åldersgruppen, event och läger.",
    "Lägenheter erbjuds och används av personer som lämnat droger och kriminalitet och sökt sig "
    "till våra verksamheter.",
]

SION_RESPONSIBILITIES = [
    "Sionförsamlingen erbjuder öppna verksamheter riktade till människor i socialt utanförskap: "
    "vardagliga aktiviteter, samtal och gruppverksamheter, t.ex. Celebrate Recovery, med "
    "separata grupper för kvinnor och män.",
    "Basen i verksamheten är arbetsträning i form av ett tydligt veckoschema måndag–fredag där "
    "varje deltagare får ett individuellt schema.",
]

MUNICIPALITY_RESPONSIBILITIES = [
    "Har det yttersta ansvaret för de som bor i kommunen.",
    "Har ansvar för att samordna insatser för målgruppen.",
]

JOINT_RESPONSIBILITIES = """- Överenskommelsen ska leda till samverkan i en mängd frågor som stöd till utsatta och information och kunskapsspridning till kommuninvånarna.
- Parterna ska tillsammans identifiera behov hos målgruppen och kontinuerligt utveckla stöd.
- Parterna ska verka för att upprätthålla ett gott samarbete.
- Båda parter har ett gemensamt ansvar för att delta i ändamålsenliga arbetsgrupper, nätverk och andra samverkansstrukturer inom området."""

FOLLOW_UP_TERMS_2024 = """Avstämning och uppföljning av denna överenskommelse sker minst en (1) gång per år eller då någon av parterna påkallar behov. Social- och omsorgsförvaltningen ansvarar för att bjuda in till uppföljning.

Syftet med uppföljningen är att utvärdera resultatet i förhållande till överenskommelsens målsättning samt att utveckla partnerskapet."""

FOLLOW_UP_TERMS_2018 = """Överenskommelsen om IOP kommer kontinuerligt att följas upp av parterna två gånger per år och därutöver vid behov om någon av parterna påkallar det. Omsorgs- och äldreförvaltningen ansvarar för att kalla till dessa uppföljningsträffar."""

REPAYMENT_CLAUSE = (
    """Parterna har möjlighet att kräva återbetalning om medel inte används för avsett ändamål."""
)

CHANGES_CLAUSE = """Om någon av parterna på grund av väsentligt förändrade förutsättningar har svårighet att uppfylla sin del kan överenskommelsen förändras. Förändringar i överenskommelsen ska ske i dialog mellan parterna. Väsentliga förändringar kan t ex vara problem inom organisationen, lokalproblem eller att de tänkta eller planerade verksamheterna inte lyckats nå den övergripande målsättningen."""

BACKGROUND_2018 = """IOGT-NTO och Sionförsamlingen i Linköping har båda kontaktat omsorgs- och äldreförvaltningen med förslag på idéburet offentligt partnerskap, IOP. Båda organisationernas förslag avser öppna verksamheter riktade till människor i socialt utanförskap. När det gäller IOGT-NTO finns i dagsläget ett avtal avseende kamratstöd som löper ut vid årsskiftet.

I Linköping finns sedan 2012 en samverkansöverenskommelse mellan kommunen och den idéburna sektorn. Utifrån denna överenskommelse antogs i januari 2017 riktlinjer för upprättande av IOP."""

BACKGROUND_2021 = """Dåvarande omsorgsnämnden godkände den 20 december 2017 en IOP med Sionförsamlingen och IOGT-NTO i Linköping, som gällde 2018-01-01 – 2020-12-31. Sionförsamlingens verksamhet fortsätter i Pingstförsamlingen. Social- och omsorgsförvaltningens bedömning är att IOP:n fyller sitt syfte och arbetat mot sina mål för avsedd målgrupp, och nämnden förnyade överenskommelsen med samma innehåll och förutsättningar för ytterligare tre år."""

OTHER_TITLE = "Mötesplats för äldre i Exempelby"
