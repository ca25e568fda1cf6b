/**
 * The demo learning catalogue: North East Lincolnshire's "Workforce Development Offer" (Children's
 * Services Workforce Development Plan 2021/2023, section 8; /work/shared/seeds/000_cdba9402edf593b0.txt),
 * transcribed by hand. The source's tables were flattened into tab-separated lines, so each course
 * was put in its column by reading the line's cells one by one; the judgements are listed in
 * `demoCatalogueSource` and, where they concern one course, in a comment beside it.
 */
import type { BookingRoute, Delivery, PcfDomain, Tier } from "../reference.js";

export interface DemoCourse {
  /** Stable and unique: "<TIER>-<GROUP>-<nn>" in the source's order, or "<STRAND>-<LEVEL>". */
  code: string;
  /** As in the source, tidied (spacing and dashes); the source's spelling is kept. */
  title: string;
  tier: Tier;
  /** A key of tierGroups[tier]. */
  group: string;
  /** Practice-model strand (one of practiceModelStrands) or null. */
  strand: string | null;
  strandLevel: string | null;
  delivery: Delivery;
  /** Only where the source says (2-day = 12, 5-day = 30), else null. */
  durationHours: number | null;
  /** The same as durationHours where known, else null. */
  cpdHours: number | null;
  /** Where the source names one, else null. */
  provider: string | null;
  /** Who the course is for, from the source (the course's own note, else its tier's introduction). */
  audience: string | null;
  bookingRoute: BookingRoute;
  /** One to three plausible PCF domains: a judgement, not the source's. */
  pcfDomains: PcfDomain[];
  /** True only where the source says the course is mandatory for carers. */
  mandatoryForCarers: boolean;
}

export const demoCatalogueSource =
  'The demo catalogue is North East Lincolnshire Council\'s "Workforce Development Offer", section 8 of its ' +
  "Children's Services Workforce Development Plan 2021/2023. The source's tables reached us flattened into " +
  "tab-separated lines, so every course was assigned to its column by hand, counting the cells of each line " +
  "against its table's header, and the result was checked line by line against the source. Judgements: " +
  "(1) the practice-model table (Signs of Safety, Restorative Practice, Trauma Informed Practice) is put in the " +
  "core tier because the source says all staff will be trained in the practice model; its courses carry the " +
  "strand and a level taken from the title (Introduction, 2-day, Refresher, 5-day intensive, E-learning " +
  'induction, Level 1, Level 2, Advanced); the trauma strand\'s only course, "Sharing the Science", has no ' +
  'level in the source and is given "Introduction" because it sits on the introductory row; Signs of Safety ' +
  "and Restorative Practice courses are in the intervention group (both are ways of working with families to " +
  "change what happens to the child) and the trauma course in direct work (it is about understanding the child " +
  'in front of you). (2) Audience notes in titles ("All supervisors and above", "For all staff level 2 and ' +
  'above" - probably career level 2 - "Senior and above", "Foster carers only", "(mandatory)", "as ' +
  "required\") were moved to the audience field; courses without their own note take their table's " +
  "introduction as audience (all staff working in children's services for the practice model; all staff, with " +
  "a focus on ASYE development at entry, for core; experienced social work staff for essential; foster carers, " +
  "kinship carers and homes staff for carers); specialist, leadership and accredited courses have none. " +
  "(3) Providers named inside titles were moved to the provider field (CAFCASS, Bon Salon, Lincoln University); " +
  'ILM, NEBOSH/IOSH (spelt "NEBOCH - IOCH" in the source) and the Yorkshire and Humber regional programmes ' +
  "also stay in their titles because they are part of the course's name. (4) Core's first line, \"Practice " +
  'Standard - Behaviours and Safe Practice", is in the Assessment cell followed by four empty cells; it may ' +
  'have been a heading spanning every pillar, but it is kept where it stands, in assessment. (5) "Parenting ' +
  'Assessments" appears twice in the essential Assessment column; it is kept once. (6) "Achieving Best ' +
  'Evidence Training" is complete in this copy of the source and sits in essential direct work. (7) "Working ' +
  "with UCAS\" is probably UASC (unaccompanied asylum-seeking children) but the source's spelling is kept; so " +
  'are "NEBOCH", "IOCH", "COSHE", "MSC", "Traumatized" and "Seniors Leader Programme". ' +
  "(8) The specialist table has no Bespoke column and its Planning and Direct Work columns are empty; no course " +
  "was moved into them. (9) The accredited table's Level 2 to Level 5 columns do not match the qualification " +
  'levels in the titles (a Level 5 apprenticeship under Level 3, "Level 5-7" under Level 4); they are read as ' +
  "the offer's own leadership levels and each course stays in its column; Level 3 has one course because its " +
  "second cell is empty. (10) Delivery is e-learning only for the restorative practice e-learning induction; " +
  "accredited for every accredited programme and for the leadership courses that lead to a qualification (ILM " +
  "coaching apprenticeship, the Lincoln University practice educator modules, NEBOSH/IOSH health and safety); " +
  "face to face otherwise, since the source rarely says. (11) Durations are given only for the 2-day (12 hours) " +
  'and 5-day (30 hours) Signs of Safety courses, at six hours a day; CPD hours equal them. (12) Only "Skills to ' +
  'Foster" (the foster carers\' pre-approval course) and "Safeguarding Level 1 for foster carers ' +
  '(mandatory)" are marked mandatory for carers: the column heading "Mandatory & Procedural Training" does ' +
  'not say which of its courses are mandatory and which procedural. (13) "Team Teach" appears both in ' +
  'essential direct work ("Team Teach / Refresher") and in the carers\' mandatory column; both are kept, as ' +
  "different offers to different audiences. (14) PCF domains are our judgement, one to three per course. " +
  '(15) Punctuation was tidied: spaces around dashes and slashes, "Future \'s" and "Child \'s" closed up, ' +
  "curly apostrophes made straight and trailing full stops dropped.";

type Extra = Partial<Omit<DemoCourse, "code" | "title" | "tier" | "group" | "pcfDomains">>;
type Row = [code: string, group: string, title: string, pcfDomains: PcfDomain[], extra?: Extra];

const bookingRouteOf: Record<Tier, BookingRoute> = {
  core: "self",
  essential: "manager",
  specialist: "manager",
  leadership: "learning_team",
  accredited: "learning_team",
  carers: "self",
};

/** Builds one tier's courses: the tier's defaults, then each row's own values. */
function tier(t: Tier, defaults: Extra, rows: Row[]): DemoCourse[] {
  return rows.map(([code, group, title, pcfDomains, extra]) => {
    const course: DemoCourse = {
      code,
      title,
      tier: t,
      group,
      strand: null,
      strandLevel: null,
      delivery: t === "accredited" ? "accredited" : "face_to_face",
      durationHours: null,
      cpdHours: null,
      provider: null,
      audience: null,
      bookingRoute: bookingRouteOf[t],
      pcfDomains,
      mandatoryForCarers: false,
      ...defaults,
      ...extra,
    };
    course.cpdHours = course.durationHours;
    return course;
  });
}

const practiceModelAudience = "All staff working in children's services";

/**
 * The practice model (the table at the head of section 8). Core tier, because every member of staff
 * is to be trained in it. Groups: Signs of Safety and Restorative Practice are ways of working with
 * families to bring about change (safety planning, high support and high challenge), so
 * "intervention"; Trauma Informed Practice is about understanding the child and relating to them,
 * so "direct_work".
 */
const practiceModel = tier("core", { audience: practiceModelAudience }, [
  [
    "SOS-INTRO",
    "intervention",
    "Introduction to Signs of Safety",
    ["knowledge", "skills_interventions"],
    { strand: "Signs of Safety", strandLevel: "Introduction" },
  ],
  [
    "SOS-2DAY",
    "intervention",
    "2-day SOS training",
    ["knowledge", "critical_reflection", "skills_interventions"],
    { strand: "Signs of Safety", strandLevel: "2-day", durationHours: 12 },
  ],
  [
    "SOS-REFRESH",
    "intervention",
    "Signs of Safety Refresher",
    ["critical_reflection", "skills_interventions"],
    { strand: "Signs of Safety", strandLevel: "Refresher" },
  ],
  [
    "SOS-5DAY",
    "intervention",
    "5 Day intensive SOS",
    ["critical_reflection", "skills_interventions", "professional_leadership"],
    {
      strand: "Signs of Safety",
      strandLevel: "5-day intensive",
      durationHours: 30,
      audience: "All supervisors and above",
    },
  ],
  [
    "RP-ELEARN",
    "intervention",
    "E-Learning Restorative Practice – Induction",
    ["values_ethics", "knowledge"],
    { strand: "Restorative Practice", strandLevel: "E-learning induction", delivery: "e_learning" },
  ],
  [
    "RP-L1",
    "intervention",
    "Being Restorative Level 1",
    ["values_ethics", "skills_interventions"],
    { strand: "Restorative Practice", strandLevel: "Level 1" },
  ],
  [
    "RP-L2",
    "intervention",
    "Restorative Practice Level 2",
    ["values_ethics", "skills_interventions"],
    { strand: "Restorative Practice", strandLevel: "Level 2", audience: "All staff level 2 and above" },
  ],
  [
    "RP-ADV",
    "intervention",
    "Advanced Restorative Practice",
    ["values_ethics", "skills_interventions", "professional_leadership"],
    { strand: "Restorative Practice", strandLevel: "Advanced", audience: "Senior and above" },
  ],
  [
    "TIP-INTRO",
    "direct_work",
    "Sharing the Science – Understanding trauma and the impact of brain development",
    ["knowledge", "skills_interventions"],
    // No level in the source; "Introduction" because it sits on the strands' introductory row.
    { strand: "Trauma Informed Practice", strandLevel: "Introduction" },
  ],
]);

const core = tier(
  "core",
  { audience: "All staff in the organisation (focus on ASYE development at entry to the service)" },
  [
    // Alone on the table's first line, in the Assessment cell: possibly a heading spanning all pillars.
    [
      "CORE-ASS-01",
      "assessment",
      "Practice Standard – Behaviours and Safe Practice",
      ["professionalism", "values_ethics"],
    ],
    [
      "CORE-ASS-02",
      "assessment",
      "Basic Assessment Skills",
      ["knowledge", "critical_reflection", "skills_interventions"],
    ],
    [
      "CORE-ASS-03",
      "assessment",
      "Undertaking Analytical Assessments",
      ["knowledge", "critical_reflection", "skills_interventions"],
    ],
    [
      "CORE-ASS-04",
      "assessment",
      "Understanding Child Development in Assessments",
      ["knowledge", "critical_reflection"],
    ],
    [
      "CORE-ASS-05",
      "assessment",
      "The use of Chronologies in Practice",
      ["critical_reflection", "skills_interventions"],
    ],
    [
      "CORE-ASS-06",
      "assessment",
      "Assessing Mental Capacity",
      ["rights_justice", "knowledge", "values_ethics"],
    ],
    [
      "CORE-ASS-07",
      "assessment",
      "Undertaking Section 47 Enquiries",
      ["knowledge", "skills_interventions", "rights_justice"],
    ],

    ["CORE-PLA-01", "planning", "Developing SMART plans", ["skills_interventions", "critical_reflection"]],
    [
      "CORE-PLA-02",
      "planning",
      "Effective Safety Planning with Family Networks",
      ["skills_interventions", "critical_reflection"],
    ],
    ["CORE-PLA-03", "planning", "The basic Legal framework", ["knowledge", "rights_justice"]],
    [
      "CORE-PLA-04",
      "planning",
      "Holding effective multi agency meetings",
      ["contexts_organisations", "skills_interventions"],
    ],
    [
      "CORE-PLA-05",
      "planning",
      "Using Genograms and Eco-grams in practice",
      ["skills_interventions", "knowledge"],
    ],
    [
      "CORE-PLA-06",
      "planning",
      "Child Protection and Planning Processes level 1",
      ["knowledge", "contexts_organisations"],
    ],
    ["CORE-PLA-07", "planning", "Involving Children in planning", ["values_ethics", "skills_interventions"]],
    ["CORE-PLA-08", "planning", "Permanency Planning Level 1", ["knowledge", "skills_interventions"]],

    ["CORE-INT-01", "intervention", "Purposeful Visiting", ["skills_interventions", "critical_reflection"]],
    [
      "CORE-INT-02",
      "intervention",
      "The importance of language in case recording",
      ["professionalism", "values_ethics"],
    ],
    [
      "CORE-INT-03",
      "intervention",
      "Basic Skills – Working with Families level 1",
      ["skills_interventions", "values_ethics"],
    ],
    [
      "CORE-INT-04",
      "intervention",
      "Working with children where DA is a factor",
      ["knowledge", "skills_interventions"],
    ],
    ["CORE-INT-05", "intervention", "Directive Play", ["skills_interventions"]],
    [
      "CORE-INT-06",
      "intervention",
      "Parenting Programmes – Prep to plan to action",
      ["skills_interventions", "knowledge"],
    ],
    ["CORE-INT-07", "intervention", "How to address parental conflict", ["skills_interventions"]],

    ["CORE-DIR-01", "direct_work", "Direct Work with children", ["skills_interventions", "values_ethics"]],
    [
      "CORE-DIR-02",
      "direct_work",
      "Understanding the Voice of the Child in Practice",
      ["values_ethics", "rights_justice", "skills_interventions"],
    ],
    ["CORE-DIR-03", "direct_work", "Relational Based Practice", ["skills_interventions", "values_ethics"]],
    ["CORE-DIR-04", "direct_work", "Evidence Based Practice", ["knowledge", "critical_reflection"]],
    [
      "CORE-DIR-05",
      "direct_work",
      "Involving Children in Assessment",
      ["skills_interventions", "values_ethics"],
    ],
    ["CORE-DIR-06", "direct_work", "Group work skills", ["skills_interventions"]],

    ["CORE-BES-01", "bespoke", "Disguised Compliance", ["critical_reflection", "skills_interventions"]],
    ["CORE-BES-02", "bespoke", "Understanding Trauma in Practice", ["knowledge", "skills_interventions"]],
    ["CORE-BES-03", "bespoke", "Role of the IRO", ["contexts_organisations", "rights_justice"]],
    [
      "CORE-BES-04",
      "bespoke",
      "Disability – keeping children at the heart",
      ["diversity_equality", "rights_justice"],
    ],
    ["CORE-BES-05", "bespoke", "Report writing", ["professionalism", "skills_interventions"]],
    [
      "CORE-BES-06",
      "bespoke",
      "Key worker Training Fostering – what they do and why",
      ["contexts_organisations", "knowledge"],
    ],
    ["CORE-BES-07", "bespoke", "Managing Conflict", ["skills_interventions", "professionalism"]],
    ["CORE-BES-08", "bespoke", "Presenting to court/panels", ["professionalism", "skills_interventions"]],
    ["CORE-BES-09", "bespoke", "GDPR and System Training", ["contexts_organisations", "professionalism"]],
    ["CORE-BES-10", "bespoke", "Vision and Values", ["values_ethics", "contexts_organisations"]],
    [
      "CORE-BES-11",
      "bespoke",
      "Practitioner's role in supervision process + Organisation context",
      ["professionalism", "critical_reflection", "contexts_organisations"],
    ],
    [
      "CORE-BES-12",
      "bespoke",
      "Escalating Risk",
      ["critical_reflection", "professionalism", "contexts_organisations"],
    ],
  ],
);

const essential = tier("essential", { audience: "Experienced social work staff" }, [
  [
    "ESS-ASS-01",
    "assessment",
    "Section 7 Assessments",
    ["knowledge", "critical_reflection", "rights_justice"],
    { provider: "CAFCASS" },
  ],
  [
    "ESS-ASS-02",
    "assessment",
    "Section 37 Assessment",
    ["knowledge", "critical_reflection", "rights_justice"],
    { provider: "CAFCASS" },
  ],
  // Listed twice in the source's Assessment column (third and seventh rows); kept once.
  [
    "ESS-ASS-03",
    "assessment",
    "Parenting Assessments",
    ["knowledge", "critical_reflection", "skills_interventions"],
  ],
  ["ESS-ASS-04", "assessment", "Viabilities and Reg 24 Assessments", ["knowledge", "critical_reflection"]],
  ["ESS-ASS-05", "assessment", "DOLS", ["rights_justice", "knowledge", "values_ethics"]],
  [
    "ESS-ASS-06",
    "assessment",
    "Writing Court Statements and SWETS",
    ["professionalism", "critical_reflection"],
  ],
  ["ESS-ASS-07", "assessment", "Risk Assessment", ["critical_reflection", "knowledge"]],
  [
    "ESS-ASS-08",
    "assessment",
    "Parental Capacity Assessments",
    ["knowledge", "critical_reflection", "skills_interventions"],
  ],
  ["ESS-ASS-09", "assessment", "CPR and PAR assessments", ["knowledge", "critical_reflection"]],
  [
    "ESS-ASS-10",
    "assessment",
    "Kinship care / Form F assessors",
    ["knowledge", "critical_reflection", "skills_interventions"],
  ],
  ["ESS-ASS-11", "assessment", "Matching Assessments", ["critical_reflection", "knowledge"]],

  [
    "ESS-PLA-01",
    "planning",
    "Developing Effective Pathway Plans",
    ["skills_interventions", "rights_justice"],
  ],
  ["ESS-PLA-02", "planning", "Trajectory Planning", ["critical_reflection", "skills_interventions"]],
  ["ESS-PLA-03", "planning", "Safety Planning with Children", ["skills_interventions", "values_ethics"]],
  ["ESS-PLA-04", "planning", "Planning in Court Work", ["knowledge", "contexts_organisations"]],
  [
    "ESS-PLA-05",
    "planning",
    "Permanency Planning and complex parallel planning",
    ["knowledge", "critical_reflection", "skills_interventions"],
  ],
  ["ESS-PLA-06", "planning", "Care Planning Regs", ["knowledge", "rights_justice"]],
  [
    "ESS-PLA-07",
    "planning",
    "Child Protection and Planning Processes level 2",
    ["knowledge", "contexts_organisations", "critical_reflection"],
  ],

  ["ESS-INT-01", "intervention", "Public Law Process", ["knowledge", "rights_justice"]],
  ["ESS-INT-02", "intervention", "Court Craft", ["professionalism", "skills_interventions"]],
  ["ESS-INT-03", "intervention", "Life Story Work", ["skills_interventions", "values_ethics"]],
  ["ESS-INT-04", "intervention", "Letters through PLO process", ["skills_interventions", "rights_justice"]],
  // Probably UASC (unaccompanied asylum-seeking children); the source's spelling is kept.
  ["ESS-INT-05", "intervention", "Working with UCAS", ["diversity_equality", "rights_justice", "knowledge"]],

  [
    "ESS-DIR-01",
    "direct_work",
    "Achieving Best Evidence Training",
    ["skills_interventions", "knowledge", "rights_justice"],
  ],
  ["ESS-DIR-02", "direct_work", "Communicating with Adolescents", ["skills_interventions"]],
  [
    "ESS-DIR-03",
    "direct_work",
    "Developing safety plans with children",
    ["skills_interventions", "values_ethics"],
  ],
  ["ESS-DIR-04", "direct_work", "Team Teach / Refresher", ["skills_interventions", "professionalism"]],

  [
    "ESS-BES-01",
    "bespoke",
    "Developing therapeutic homes for children",
    ["knowledge", "skills_interventions"],
  ],
  ["ESS-BES-02", "bespoke", "Supporting children Leaving Care", ["rights_justice", "skills_interventions"]],
]);

// The specialist table has four columns (no Bespoke); its Planning and Direct Work columns are empty.
const specialist = tier("specialist", {}, [
  [
    "SPE-ASS-01",
    "assessment",
    "SCAIDP – Joint investigation training",
    ["skills_interventions", "contexts_organisations", "knowledge"],
  ],
  [
    "SPE-ASS-02",
    "assessment",
    "Integrated Risk Assessment of Sex Offenders and their families",
    ["knowledge", "critical_reflection"],
  ],
  [
    "SPE-ASS-03",
    "assessment",
    "AIM Assessments",
    ["knowledge", "critical_reflection", "skills_interventions"],
  ],
  [
    "SPE-ASS-04",
    "assessment",
    "PAMS Assessments",
    ["knowledge", "diversity_equality", "critical_reflection"],
  ],

  [
    "SPE-INT-01",
    "intervention",
    "Specialist Court Skills",
    ["professionalism", "skills_interventions"],
    { provider: "Bon Salon" },
  ],
  ["SPE-INT-02", "intervention", "Self-Harm and Ligature Training", ["knowledge", "skills_interventions"]],
  [
    "SPE-INT-03",
    "intervention",
    "Suicide Risk",
    ["knowledge", "critical_reflection", "skills_interventions"],
  ],
]);

const leadership = tier("leadership", {}, [
  ["LEAD-PRA-01", "practice", "Train the Trainer", ["professional_leadership"]],
  [
    "LEAD-PRA-02",
    "practice",
    "Coaching and Mentoring in SW practice",
    ["professional_leadership", "critical_reflection"],
  ],
  ["LEAD-PRA-03", "practice", "Managing disclosures", ["professionalism", "skills_interventions"]],
  [
    "LEAD-PRA-04",
    "practice",
    "Health and Safety – NEBOCH – IOCH",
    ["contexts_organisations", "professionalism"],
    // "NEBOCH - IOCH" are the source's spellings of NEBOSH and IOSH, whose certificates are accredited.
    { delivery: "accredited", provider: "NEBOSH / IOSH", audience: "As required" },
  ],
  [
    "LEAD-PRA-05",
    "practice",
    "Reviewing Policy and Procedures",
    ["contexts_organisations", "professional_leadership"],
  ],
  [
    "LEAD-PRA-06",
    "practice",
    "Designated Safeguarding Officer Training",
    ["professional_leadership", "contexts_organisations", "knowledge"],
  ],

  [
    "LEAD-PEO-01",
    "people",
    "Coaching Certificate Level 5 – ILM accredited apprenticeship",
    ["professional_leadership"],
    { delivery: "accredited", provider: "ILM" },
  ],
  [
    "LEAD-PEO-02",
    "people",
    "People and Management Skills",
    ["professional_leadership", "contexts_organisations"],
  ],
  ["LEAD-PEO-03", "people", "Appraisal and CPD", ["professional_leadership", "professionalism"]],
  ["LEAD-PEO-04", "people", "ITRENT and People Management Systems", ["contexts_organisations"]],
  [
    "LEAD-PEO-05",
    "people",
    "Safer Recruitment",
    ["contexts_organisations", "values_ethics", "professional_leadership"],
  ],
  ["LEAD-PEO-06", "people", "Managing capability", ["professional_leadership", "contexts_organisations"]],

  [
    "LEAD-PER-01",
    "performance",
    "Understanding the performance framework & performance management",
    ["contexts_organisations", "professional_leadership"],
  ],
  [
    "LEAD-PER-02",
    "performance",
    "Undertaking effective audit and QA practice",
    ["critical_reflection", "professional_leadership"],
  ],
  ["LEAD-PER-03", "performance", "Managing Complaints", ["contexts_organisations", "professionalism"]],
  ["LEAD-PER-04", "performance", "Liquid Logic Training for Managers", ["contexts_organisations"]],
  [
    "LEAD-PER-05",
    "performance",
    "Preparation for Ofsted",
    ["contexts_organisations", "professional_leadership"],
  ],

  [
    "LEAD-SUP-01",
    "supervision",
    "Decision Making & Management Oversight",
    ["critical_reflection", "professional_leadership"],
  ],
  [
    "LEAD-SUP-02",
    "supervision",
    "Delivering Reflective Supervision",
    ["critical_reflection", "professional_leadership"],
  ],
  [
    "LEAD-SUP-03",
    "supervision",
    "MSC Advanced SW practice – Practice Educator 1",
    ["professional_leadership", "knowledge"],
    { delivery: "accredited", provider: "Lincoln University" },
  ],
  [
    "LEAD-SUP-04",
    "supervision",
    "MSC Advanced SW practice – Practice Educator 2",
    ["professional_leadership", "knowledge"],
    { delivery: "accredited", provider: "Lincoln University" },
  ],
  [
    "LEAD-SUP-05",
    "supervision",
    "Writing care standards reports",
    ["professionalism", "contexts_organisations"],
  ],
]);

// The columns are the offer's own levels, not the qualifications' (a Level 5 apprenticeship sits
// under Level 3); each course stays in its column. Level 3's second cell is empty.
const accredited = tier("accredited", {}, [
  [
    "ACC-L2-01",
    "level_2",
    "TALA – Talent and Leadership Programme",
    ["professional_leadership", "contexts_organisations"],
  ],
  [
    "ACC-L2-02",
    "level_2",
    "Supervision of Professional Practice",
    ["professional_leadership", "critical_reflection"],
  ],
  [
    "ACC-L3-01",
    "level_3",
    "Apprenticeship – Leadership and Management Level 5",
    ["professional_leadership", "contexts_organisations"],
  ],
  [
    "ACC-L4-01",
    "level_4",
    "Leadership and Management Level 5–7",
    ["professional_leadership", "contexts_organisations"],
  ],
  [
    "ACC-L4-02",
    "level_4",
    "Yorkshire and Humber Regional Children's Social Care Leadership Programmes: Aspirant Leader",
    ["professional_leadership", "contexts_organisations"],
    { provider: "Yorkshire and Humber regional children's social care leadership programmes" },
  ],
  ["ACC-L5-01", "level_5", "MSc in Leadership", ["professional_leadership", "knowledge"]],
  [
    "ACC-L5-02",
    "level_5",
    "Yorkshire and Humber Regional Children's Social Care Leadership Programmes: Seniors Leader Programme",
    ["professional_leadership", "contexts_organisations"],
    { provider: "Yorkshire and Humber regional children's social care leadership programmes" },
  ],
]);

const carers = tier("carers", { audience: "Foster carers, kinship carers and homes staff" }, [
  [
    "CAR-MAN-01",
    "mandatory",
    "Skills to Foster",
    ["knowledge", "values_ethics"],
    { audience: "Foster carers only", mandatoryForCarers: true },
  ],
  [
    "CAR-MAN-02",
    "mandatory",
    "Looking after yourself / secondary trauma",
    ["professionalism", "critical_reflection"],
  ],
  ["CAR-MAN-03", "mandatory", "Paediatric First Aid", ["skills_interventions"]],
  ["CAR-MAN-04", "mandatory", "Short Stay Protocol", ["contexts_organisations"]],
  ["CAR-MAN-05", "mandatory", "Team Teach", ["skills_interventions"]],
  ["CAR-MAN-06", "mandatory", "Medication", ["knowledge", "professionalism"]],
  ["CAR-MAN-07", "mandatory", "Incident Recording", ["professionalism", "contexts_organisations"]],
  ["CAR-MAN-08", "mandatory", "Health and Safety – COSHE", ["contexts_organisations"]],

  ["CAR-SAF-01", "safeguarding", "Managing Allegations", ["professionalism", "contexts_organisations"]],
  [
    "CAR-SAF-02",
    "safeguarding",
    "Safeguarding Level 1",
    ["knowledge", "rights_justice"],
    { audience: "Foster carers (mandatory)", mandatoryForCarers: true },
  ],

  [
    "CAR-UND-01",
    "understanding_children",
    "Talking about sex and healthy relationships with children and young people",
    ["skills_interventions", "values_ethics"],
  ],
  [
    "CAR-UND-02",
    "understanding_children",
    "Caring for children with Disabilities",
    ["diversity_equality", "skills_interventions"],
  ],
  [
    "CAR-UND-03",
    "understanding_children",
    "Talking to children about Drugs & alcohol",
    ["skills_interventions", "knowledge"],
  ],
  [
    "CAR-UND-04",
    "understanding_children",
    "Fostering Teenagers – The Future's Bright",
    ["knowledge", "skills_interventions"],
  ],
  [
    "CAR-UND-05",
    "understanding_children",
    "Meeting your Child's Sensory Needs",
    ["knowledge", "skills_interventions"],
  ],
  [
    "CAR-UND-06",
    "understanding_children",
    "Caring for a Traumatized child",
    ["knowledge", "skills_interventions"],
  ],
  [
    "CAR-UND-07",
    "understanding_children",
    "Moving children onto adopters",
    ["skills_interventions", "values_ethics"],
  ],
]);

export const demoCatalogue: readonly DemoCourse[] = Object.freeze([
  ...practiceModel,
  ...core,
  ...essential,
  ...specialist,
  ...leadership,
  ...accredited,
  ...carers,
]);
