"""The demo data set: the reference programme page and what it needs around it.

Source: Studiekeuze123's page for the MSc Biomedical Sciences at Universiteit Leiden
(shared/reference/biomedical-sciences-leiden.txt). Texts are copied as the page shows
them: English where the page is English, the honours text Dutch only, so that the portal's
language fallback is visible. Survey and career figures of the other programmes and
studies are invented so that the computed national averages and the salary benchmark
come out as the reference page prints them; they are labelled demo data everywhere.
"""

from decimal import Decimal as D

REFERENCE_SOURCE = {
    "key": "demo-studiekeuze123-reference",
    "name_nl": "Demogegevens naar de Studiekeuze123-pagina van deze opleiding (geen echte cijfers)",
    "name_en": "Demo data after Studiekeuze123's page for this programme (not real figures)",
    "publisher": "Keuzewijzer demo",
    "url": "https://www.studiekeuze123.nl/",
}

LEIDEN = {
    "brin": "21PB",
    "name": "Universiteit Leiden",
    "short_name_en": "Leiden University",
    "kind": "wo",
    "website": "https://www.universiteitleiden.nl/",
}

LEIDEN_MUNICIPALITY = {
    "code": "0546",
    "name": "Leiden",
    "province": "Zuid-Holland",
    "students": 37553,
    "students_year": 2024,
}

# The CROHO sector as DUO's RIO files give it for 66990 (a real catalogue fact).
STUDY = {
    "croho_code": "66990",
    "level": "WO-MA",
    "name": "Biomedical Sciences",
    "sector": "GEZONDHEIDSZORG",
}

REFERENCE_PROGRAMME = {
    "location_code": "21PB00",
    "degree_nl": "Master of Science",
    "degree_en": "Master of Science",
    "ects": 120,
    "language": "en",
    "english_share": 100,
    "funding": "government",
    "taught_by_nl": "Leids Universitair Medisch Centrum (LUMC)",
    "taught_by_en": "Leiden University Medical Center (LUMC)",
    "description_en": "In this master programme you learn interdisciplinary approaches to address scientific and societal challenges in the field of (bio)medical sciences. The research in our programme Biomedical Sciences relates to the maintenance of health and prevention of disease. You will acquire a skill set suitable for a wide range of career opportunities not only in (biomedical) research, but also in industry, policy making, communication or education.\n\nOur specialisations, Research, Management, Communication and Education*, enable you to pursue your personal interests.\n\nThe programme is offered by the Leiden University Medical Center (LUMC), a modern institution which combines research, education and patient care with a strong scientific orientation. Research conducted at the LUMC is ranked among top European and international institutes. The adjacent Leiden BioScience Park offers excellent opportunities for internships and/or a future job.\n\nWithin the context of the programme, exchange with other European (Eurolife or LERU) or non-European (Ivy league) universities is encouraged. Internships can be performed all over the world at high quality research institutes and universities.",
    "admission_nl": "Om aan een master te kunnen starten, heb je een bachelordiploma nodig.",
    "admission_en": "To start a master's programme, you need a bachelor's degree.",
    "bridging_nl": (
        "Sluit je bachelor niet direct aan op de master, of stroom je door van hbo naar "
        "wo? Dan moet je meestal een schakelprogramma of premaster volgen."
    ),
    "bridging_en": (
        "If your bachelor's degree does not connect directly to the master's, or you "
        "move from a university of applied sciences (hbo) to a research university "
        "(wo), you usually need to follow a bridging programme or premaster."
    ),
}

SPECIALISATIONS = [
    {
        "name_nl": "Biomedical Sciences: Communication",
        "name_en": "Biomedical Sciences: Communication",
        "description_en": "The common part of the programme for all students of MSc Biomedical Sciences consists of a 20-week research traineeship, a number of thematic (Frontiers of Science) courses, a course on how to write a research proposal, a course on clinical research in practice and a course on scientific conduct.\n\nThe second year of the Communication specialisation is dedicated to the communication side of the life sciences. You will follow courses and perform a communication internship in/at e.g. a museum, magazine, institute or other (large) organization. In addition, students will complete the module Career orientation. This unique module includes assignments to get to know and reflect on skills, knowledge and preferences, lectures of alumni to learn what path predecessors have taken, and guest lectures, workshops and career events to explore the job market. The ultimate goal of this module is to help our students to start their search for a job with confidence!",
    },
    {
        "name_nl": "Biomedical Sciences: Education",
        "name_en": "Biomedical Sciences: Education",
        "description_en": "In the Biomedical Sciences Education specialisation you gain knowledge and skills in the area of teaching biology. The education specialisation is for students who want to work as a first grade biology teacher at a Dutch secondary school or for those who want to specialize in education in general. After completing this programme you also have the possibility to continue in the field of Biomedical Research.\n\nThe common part of the programme for all students of MSc Biomedical Sciences consists of a 20-week research traineeship, a number of thematic (Frontiers of Science) courses, a course on how to write a research proposal, a course on clinical research in practice and a course on scientific conduct. In the second year of the Education specialization you will follow the “ICLON lerarenopleiding biologie” (60 ec), and a self-study module to catch up your knowledge of Biology. In addition, students will complete the module Career orientation. This unique module includes assignments to get to know and reflect on skills, knowledge and preferences, lectures of alumni to learn what path predecessors have taken, and guest lectures, workshops and career events to explore the job market. The ultimate goal of this module is to help our students to start their search for a job with confidence! Since the programme is partly taught in English and partly in Dutch, fluency in Dutch is required.",
        "language": "nl_en",
        "language_note_nl": "Deels in het Nederlands gegeven; vloeiend Nederlands is vereist.",
        "language_note_en": "Partly taught in Dutch; fluency in Dutch is required.",
    },
    {
        "name_nl": "Biomedical Sciences: Management",
        "name_en": "Biomedical Sciences: Management",
        "description_en": "The common part of the programme for all students of MSc Biomedical Sciences consists of a 20-week research traineeship, a number of thematic (Frontiers of Science) courses, a course on how to write a research proposal, a course on clinical research in practice and a course on scientific conduct.\n\nThe second year of the Management specialisation is dedicated to the business side of the life sciences. You will follow courses and perform a business internship in a company, institute or other (large) organization. In addition, students will complete the module Career orientation. This unique module includes assignments to get to know and reflect on skills, knowledge and preferences, lectures of alumni to learn what path predecessors have taken, and guest lectures, workshops and career events to explore the job market. The ultimate goal of this module is to help our students to start their search for a job with confidence!",
    },
    {
        "name_nl": "Biomedical Sciences: Research",
        "name_en": "Biomedical Sciences: Research",
        "description_en": "During the research specialisation of Biomedical Sciences you will focus on becoming an independent researcher in the field of biomedical sciences. All students follow the common part of MSc Biomedical Sciences which consists of a 20-week research traineeship, a number of thematic (Frontiers of Science) courses, a course on how to write a research proposal, a course on clinical research in practice and a course on scientific conduct. In the second year of the research specialisation you will take a course in Laboratory Animal Science, write a scientific review, and conduct a second major research project of about 28 weeks for which you first will write a research proposal. The research internships in the first and second year can be performed either at Leiden University Medical Center or elsewhere in the Netherlands or abroad. In addition, students will complete the unique module Career orientation which includes assignments reflecting on skills, knowledge and preferences. In addition, you will attend lectures by alumni, guest lectures, workshops and career events to explore the job market. In total, you will spend two years (120 EC) on state of the art biomedical courses and perform a great deal of research yourself. The Biomedical Sciences Research Programme offers you a broad education, but also allows you to focus on a specific scientific area in your second master year.",
    },
]

HONOURS = [
    {
        "name_nl": "Leiden Leadership Programme",
        "name_en": "Leiden Leadership Programme",
        "description_nl": "Heb jij interesse en ambitie om jouw leiderschapskwaliteiten en je kennis over leiderschap verder te ontwikkelen? Wil je meer leren over leiderschap in praktijk? Dan is het Leiden Leadership Programme iets voor jou.\n\nHet Leiden Leadership Programme is een eenjarig programma voor gemotiveerde masterstudenten waarin je leert over leiderschap en je eigen leiderschapskwaliteiten ontdekt en ontwikkelt. Door het kleinschalige onderwijs en een ondersteunende docentcoach werk je op een persoonlijke manier aan je eigen ontwikkeling. Ook volg je tijdens dit interdisciplinaire programma seminars en vaardigheidstrainingen, waardoor je meer inzicht krijgt in jouw sterke en zwakke punten en wat het effect is van jouw gedrag op anderen. Daarnaast werk je met een aantal medestudenten aan een pittige praktijkopdracht en ervaar je de complexiteit van leiderschap in de praktijk.",
    },
]

FEES = [(2025, D("2601")), (2024, D("2530"))]

# Academic year 2024: 312 students, 95 first-years of whom 25 men and 70 women
# (26% and 74% as the reference page prints them).
ENROLMENT = {
    "academic_year": 2024,
    "students": 312,
    "first_years": 95,
    "first_years_men": 25,
    "first_years_women": 70,
}

# The reference page has no figures for study progress: a cohort without numbers.
PROGRESS = {"cohort_year": 2020, "diploma_years": 3}

ASPECTS = [
    ("overall", "Algemeen oordeel", "Overall", ""),
    ("atmosphere", "Sfeer", "Atmosphere", ""),
    ("facilities", "Studiefaciliteiten", "Study facilities", ""),
    ("choose_again", "Studie opnieuw kiezen", "Would choose the study again", ""),
    ("content", "Inhoud en opzet", "Content and structure", ""),
    (
        "practice",
        "Aansluiting beroepspraktijk",
        "Connection to professional practice",
        "",
    ),
    (
        "support",
        "Studeren met een ondersteuningsbehoefte",
        "Studying with a support need",
        "",
    ),
]
SUPPORT_DESCRIPTION_NL = (
    "Veel studenten hebben tijdens hun studie behoefte aan extra voorzieningen of "
    "flexibiliteit in het onderwijs. Dit kan komen door een aandoening zoals dyslexie, "
    "een chronische ziekte, psychische klachten, maar ook topsport of ondernemerschap "
    "tijdens de studie. Studenten beoordeelden hoe tevreden ze zijn over de "
    "ondersteuningsmogelijkheden bij hun onderwijsinstelling."
)
SUPPORT_DESCRIPTION_EN = (
    "Many students need extra facilities or flexibility in their education, because of "
    "a condition such as dyslexia, a chronic illness or mental health problems, but "
    "also because of top-level sport or entrepreneurship during their studies. "
    "Students rated how satisfied they are with the support their institution offers."
)


# The seven Biomedical Sciences master's programmes (real BRIN codes and places,
# from DUO's RIO catalogue). Their demo NSE 2024 scores are in surveys.csv: Leiden's
# are the reference page's; the others are chosen so that the respondent-weighted
# national averages come out at 3.9, 4.2, 3.9, 4.0, 4.0 and 4.0. Maastricht's four
# respondents are too few: its own scores are withheld, but they count in the
# national pool.
BIOMEDICAL_PROGRAMMES = [
    {
        "brin": "21PB",
    },
    {
        "brin": "21PC",
        "institution": "Rijksuniversiteit Groningen",
        "short_name_en": "University of Groningen",
        "municipality": ("0014", "Groningen", "Groningen"),
    },
    {
        "brin": "21PD",
        "institution": "Universiteit Utrecht",
        "short_name_en": "Utrecht University",
        "municipality": ("0344", "Utrecht", "Utrecht"),
    },
    {
        "brin": "21PK",
        "institution": "Universiteit van Amsterdam",
        "short_name_en": "University of Amsterdam",
        "municipality": ("0363", "Amsterdam", "Noord-Holland"),
    },
    {
        "brin": "21PL",
        "institution": "Vrije Universiteit Amsterdam",
        "short_name_en": "Vrije Universiteit Amsterdam",
        "municipality": ("0363", "Amsterdam", "Noord-Holland"),
    },
    {
        "brin": "21PM",
        "institution": "Radboud Universiteit Nijmegen",
        "short_name_en": "Radboud University",
        "municipality": ("0268", "Nijmegen", "Gelderland"),
    },
    {
        "brin": "27YA",
        "institution": "transnationale Universiteit Limburg",
        "short_name_en": "transnational University Limburg",
        "municipality": ("0935", "Maastricht", "Limburg"),
        "funding": "designated",
    },
]

# Other real WO-MA studies at Leiden (CROHO codes from DUO's RIO catalogue). Their
# demo starting salaries are in careers.csv, with the reference page's graduate
# figures for Biomedical Sciences: with its €2,909 (n = 150) the respondent-weighted
# average of all wo master studies is €2,949. Self-employment there rests on 12
# respondents, fewer than the 20 needed, so it is withheld.
OTHER_STUDIES = [
    {
        "croho_code": "60084",
        "name_nl": "Rechtsgeleerdheid",
        "name_en": "Law",
        "degree": "Master of Laws",
        "ects": 60,
        "language": "nl",
    },
    {
        "croho_code": "60300",
        "name_nl": "Computer Science",
        "name_en": "Computer Science",
        "degree": "Master of Science",
        "ects": 120,
        "language": "en",
    },
    {
        "croho_code": "66857",
        "name_nl": "Chemistry",
        "name_en": "Chemistry",
        "degree": "Master of Science",
        "ects": 120,
        "language": "en",
    },
    {
        "croho_code": "66860",
        "name_nl": "Biology",
        "name_en": "Biology",
        "degree": "Master of Science",
        "ects": 120,
        "language": "en",
    },
]
