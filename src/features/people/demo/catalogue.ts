import type { EthnicityCode } from "../reference/dfe-codes.js";
import type { UnitType } from "../reference/domain.js";
import type { NameGroup } from "./names.js";

/**
 * The demo authority's reference data and team shapes: job roles with their DfE organisational
 * role, career levels, and what posts each kind of team has. Team shapes follow the councils'
 * strategies in ../shared/seeds (Slough's team of a practice manager, a consultant practitioner and
 * about five social workers; Somerset's at most six direct reports per manager).
 */

export type Band = "senior" | "manager" | "socialWorker" | "support";

export interface JobRoleDef {
  code: string;
  name: string;
  socialWorkQualified: boolean;
  caseHolder: boolean;
  /** DfE census OrgRole: 1 senior manager ... 6 qualified without cases. Null: not a social work post. */
  dfeOrgRole: number | null;
  grade: string;
  /** How long holders stay (mean years) and how they look: drives the history. */
  band: Band;
  /** Share of holders who are women (the children's social care workforce is about 80% women). */
  female: number;
  /** Age range at the start of the job. */
  age: readonly [number, number];
  /** The career level a holder has ("by experience": worked out from years since qualifying). */
  careerLevel?: "byExperience" | "senior" | "advanced";
}

export const jobRoleDefs = [
  {
    code: "DCS",
    name: "Director of Children's Services",
    socialWorkQualified: false,
    caseHolder: false,
    dfeOrgRole: null,
    grade: "Chief Officer",
    band: "senior",
    female: 0.65,
    age: [45, 58],
  },
  {
    code: "HOS",
    name: "Head of Service",
    socialWorkQualified: true,
    caseHolder: false,
    dfeOrgRole: 1,
    grade: "Grade 16",
    band: "senior",
    female: 0.72,
    age: [40, 58],
  },
  {
    code: "SM",
    name: "Service Manager",
    socialWorkQualified: true,
    caseHolder: false,
    dfeOrgRole: 2,
    grade: "Grade 14",
    band: "manager",
    female: 0.75,
    age: [36, 58],
  },
  {
    code: "PSW",
    name: "Principal Social Worker",
    socialWorkQualified: true,
    caseHolder: false,
    dfeOrgRole: 2,
    grade: "Grade 14",
    band: "manager",
    female: 0.75,
    age: [36, 56],
  },
  {
    code: "TM",
    name: "Team Manager",
    socialWorkQualified: true,
    caseHolder: false,
    dfeOrgRole: 3,
    grade: "Grade 12",
    band: "manager",
    female: 0.78,
    age: [32, 58],
  },
  {
    code: "ATM",
    name: "Assistant Team Manager",
    socialWorkQualified: true,
    caseHolder: false,
    dfeOrgRole: 3,
    grade: "Grade 11",
    band: "manager",
    female: 0.8,
    age: [29, 56],
  },
  {
    code: "AP",
    name: "Advanced Practitioner",
    socialWorkQualified: true,
    caseHolder: true,
    dfeOrgRole: 4,
    grade: "Grade 11",
    band: "socialWorker",
    female: 0.8,
    age: [30, 58],
    careerLevel: "advanced",
  },
  {
    code: "SSW",
    name: "Senior Social Worker",
    socialWorkQualified: true,
    caseHolder: true,
    dfeOrgRole: 4,
    grade: "Grade 10",
    band: "socialWorker",
    female: 0.82,
    age: [27, 58],
    careerLevel: "senior",
  },
  {
    code: "SW",
    name: "Social Worker",
    socialWorkQualified: true,
    caseHolder: true,
    dfeOrgRole: 5,
    grade: "Grade 9",
    band: "socialWorker",
    female: 0.83,
    age: [24, 58],
    careerLevel: "byExperience",
  },
  {
    code: "NQSW",
    name: "Newly Qualified Social Worker (ASYE)",
    socialWorkQualified: true,
    caseHolder: true,
    dfeOrgRole: 5,
    grade: "Grade 8",
    band: "socialWorker",
    female: 0.85,
    age: [22, 40],
    careerLevel: "byExperience",
  },
  {
    code: "IRO",
    name: "Independent Reviewing Officer",
    socialWorkQualified: true,
    caseHolder: false,
    dfeOrgRole: 6,
    grade: "Grade 11",
    band: "manager",
    female: 0.78,
    age: [35, 62],
  },
  {
    code: "CPC",
    name: "Child Protection Conference Chair",
    socialWorkQualified: true,
    caseHolder: false,
    dfeOrgRole: 6,
    grade: "Grade 11",
    band: "manager",
    female: 0.78,
    age: [35, 62],
  },
  {
    code: "PE",
    name: "Practice Educator",
    socialWorkQualified: true,
    caseHolder: false,
    dfeOrgRole: 6,
    grade: "Grade 10",
    band: "socialWorker",
    female: 0.82,
    age: [30, 60],
  },
  {
    code: "QAP",
    name: "Quality Assurance Practitioner",
    socialWorkQualified: true,
    caseHolder: false,
    dfeOrgRole: 6,
    grade: "Grade 10",
    band: "socialWorker",
    female: 0.8,
    age: [30, 60],
  },
  {
    code: "SWA",
    name: "Social Work Apprentice",
    socialWorkQualified: false,
    caseHolder: false,
    dfeOrgRole: null,
    grade: "Grade 5",
    band: "support",
    female: 0.85,
    age: [19, 45],
  },
  {
    code: "TL",
    name: "Team Leader",
    socialWorkQualified: false,
    caseHolder: false,
    dfeOrgRole: null,
    grade: "Grade 9",
    band: "manager",
    female: 0.8,
    age: [28, 58],
  },
  {
    code: "FSW",
    name: "Family Support Worker",
    socialWorkQualified: false,
    caseHolder: false,
    dfeOrgRole: null,
    grade: "Grade 6",
    band: "support",
    female: 0.88,
    age: [21, 60],
  },
  {
    code: "EHP",
    name: "Early Help Practitioner",
    socialWorkQualified: false,
    caseHolder: false,
    dfeOrgRole: null,
    grade: "Grade 7",
    band: "support",
    female: 0.88,
    age: [22, 60],
  },
  {
    code: "FHW",
    name: "Family Hub Worker",
    socialWorkQualified: false,
    caseHolder: false,
    dfeOrgRole: null,
    grade: "Grade 5",
    band: "support",
    female: 0.9,
    age: [20, 62],
  },
  {
    code: "PA",
    name: "Personal Adviser (Care Leavers)",
    socialWorkQualified: false,
    caseHolder: false,
    dfeOrgRole: null,
    grade: "Grade 7",
    band: "support",
    female: 0.72,
    age: [23, 60],
  },
  {
    code: "CS",
    name: "Family Time Supervisor",
    socialWorkQualified: false,
    caseHolder: false,
    dfeOrgRole: null,
    grade: "Grade 5",
    band: "support",
    female: 0.85,
    age: [20, 62],
  },
  {
    code: "SBW",
    name: "Short Breaks Support Worker",
    socialWorkQualified: false,
    caseHolder: false,
    dfeOrgRole: null,
    grade: "Grade 5",
    band: "support",
    female: 0.8,
    age: [19, 62],
  },
  {
    code: "RM",
    name: "Registered Manager (Children's Home)",
    socialWorkQualified: false,
    caseHolder: false,
    dfeOrgRole: null,
    grade: "Grade 11",
    band: "manager",
    female: 0.6,
    age: [32, 58],
  },
  {
    code: "DM",
    name: "Deputy Manager (Children's Home)",
    socialWorkQualified: false,
    caseHolder: false,
    dfeOrgRole: null,
    grade: "Grade 9",
    band: "manager",
    female: 0.6,
    age: [28, 58],
  },
  {
    code: "SRCW",
    name: "Senior Residential Care Worker",
    socialWorkQualified: false,
    caseHolder: false,
    dfeOrgRole: null,
    grade: "Grade 7",
    band: "support",
    female: 0.55,
    age: [24, 60],
  },
  {
    code: "RCW",
    name: "Residential Care Worker",
    socialWorkQualified: false,
    caseHolder: false,
    dfeOrgRole: null,
    grade: "Grade 6",
    band: "support",
    female: 0.55,
    age: [19, 60],
  },
  {
    code: "WDO",
    name: "Workforce Development Officer",
    socialWorkQualified: false,
    caseHolder: false,
    dfeOrgRole: null,
    grade: "Grade 8",
    band: "support",
    female: 0.8,
    age: [25, 60],
  },
  {
    code: "BSM",
    name: "Business Support Manager",
    socialWorkQualified: false,
    caseHolder: false,
    dfeOrgRole: null,
    grade: "Grade 10",
    band: "manager",
    female: 0.85,
    age: [30, 60],
  },
  {
    code: "BSTL",
    name: "Business Support Team Leader",
    socialWorkQualified: false,
    caseHolder: false,
    dfeOrgRole: null,
    grade: "Grade 6",
    band: "manager",
    female: 0.85,
    age: [25, 60],
  },
  {
    code: "BSO",
    name: "Business Support Officer",
    socialWorkQualified: false,
    caseHolder: false,
    dfeOrgRole: null,
    grade: "Grade 4",
    band: "support",
    female: 0.85,
    age: [18, 62],
  },
] as const satisfies readonly JobRoleDef[];

export type JobRoleCode = (typeof jobRoleDefs)[number]["code"];

export const jobRoleByCode = new Map<JobRoleCode, JobRoleDef>(jobRoleDefs.map((r) => [r.code, r]));

export function jobRole(code: JobRoleCode): JobRoleDef {
  const role = jobRoleByCode.get(code);
  if (!role) throw new Error(`No job role ${code}`);
  return role;
}

/** Career levels (North Somerset's pathway; North East Lincolnshire names levels 1-3 the same way). */
export const careerLevelDefs = [
  { code: "nqsw", name: "NQSW (ASYE)" },
  { code: "sw", name: "Social Worker" },
  { code: "esw", name: "Experienced Social Worker" },
  { code: "senior", name: "Senior Practitioner" },
  { code: "advanced", name: "Consultant / Advanced Practitioner" },
] as const;

export type CareerLevelCode = (typeof careerLevelDefs)[number]["code"];

/** Mean years a holder stays in a post, and how long a post stays empty, by band. */
export const tenureYears: Record<Band, number> = { senior: 6, manager: 6.5, socialWorker: 5.5, support: 6.5 };
export const gapMonths: Record<Band, number> = { senior: 4, manager: 5, socialWorker: 14, support: 6 };

/** A post in a team shape: the role, how many, FTE of each (some part-time posts). */
export interface PostShape {
  role: JobRoleCode;
  count: number;
  fte?: number;
  /** Part-time posts among them: this many at the given FTE. */
  partTime?: readonly [number, number];
}

export interface TeamShape {
  kind: string;
  /** Name of the n-th such team (1-based). */
  name: (n: number, count: number) => string;
  unitType: UnitType;
  /** The role whose holder manages the team (the unit's manager). */
  manager: JobRoleCode;
  posts: readonly PostShape[];
}

const numbered = (base: string) => (n: number, count: number) => (count > 1 ? `${base} ${n}` : base);

const homeNames = [
  "Oak House",
  "Willow Lodge",
  "Beech View",
  "Rowan House",
  "Hazel Court",
  "Cedar Lodge",
  "Maple House",
  "Ashgrove",
  "Birch House",
  "Elm Lodge",
  "Holly House",
  "Larch View",
];

export const teamShapes = {
  frontDoor: {
    kind: "frontDoor",
    name: numbered("Front Door and MASH"),
    unitType: "team",
    manager: "TM",
    posts: [
      { role: "TM", count: 1 },
      { role: "ATM", count: 1 },
      { role: "SSW", count: 2 },
      { role: "SW", count: 6 },
    ],
  },
  assessment: {
    kind: "assessment",
    name: numbered("Assessment Team"),
    unitType: "team",
    manager: "TM",
    posts: [
      { role: "TM", count: 1 },
      { role: "ATM", count: 1 },
      { role: "AP", count: 1 },
      { role: "SSW", count: 1 },
      { role: "SW", count: 6, partTime: [1, 0.8] },
    ],
  },
  cinCp: {
    kind: "cinCp",
    name: numbered("Child in Need and Protection Team"),
    unitType: "team",
    manager: "TM",
    posts: [
      { role: "TM", count: 1 },
      { role: "ATM", count: 1 },
      { role: "AP", count: 1 },
      { role: "SSW", count: 1 },
      { role: "SW", count: 6, partTime: [1, 0.6] },
      { role: "SWA", count: 1 },
    ],
  },
  edt: {
    kind: "edt",
    name: numbered("Emergency Duty Team"),
    unitType: "team",
    manager: "TM",
    posts: [
      { role: "TM", count: 1 },
      { role: "SSW", count: 2 },
      { role: "SW", count: 4, fte: 0.6 },
    ],
  },
  familySupport: {
    kind: "familySupport",
    name: numbered("Family Support Team"),
    unitType: "team",
    manager: "TL",
    posts: [
      { role: "TL", count: 1 },
      { role: "FSW", count: 7, partTime: [2, 0.6] },
    ],
  },
  cla: {
    kind: "cla",
    name: numbered("Children Looked After Team"),
    unitType: "team",
    manager: "TM",
    posts: [
      { role: "TM", count: 1 },
      { role: "ATM", count: 1 },
      { role: "AP", count: 1 },
      { role: "SSW", count: 1 },
      { role: "SW", count: 6, partTime: [1, 0.8] },
    ],
  },
  careLeavers: {
    kind: "careLeavers",
    name: numbered("Care Leavers Team"),
    unitType: "team",
    manager: "TM",
    posts: [
      { role: "TM", count: 1 },
      { role: "SW", count: 2 },
      { role: "PA", count: 7, partTime: [1, 0.6] },
    ],
  },
  familyTime: {
    kind: "familyTime",
    name: numbered("Family Time Team"),
    unitType: "team",
    manager: "TL",
    posts: [
      { role: "TL", count: 1 },
      { role: "CS", count: 7, partTime: [3, 0.5] },
    ],
  },
  fosteringAssessment: {
    kind: "fosteringAssessment",
    name: numbered("Fostering Recruitment and Assessment Team"),
    unitType: "team",
    manager: "TM",
    posts: [
      { role: "TM", count: 1 },
      { role: "SSW", count: 1 },
      { role: "SW", count: 5 },
    ],
  },
  fosteringSupport: {
    kind: "fosteringSupport",
    name: numbered("Fostering Support Team"),
    unitType: "team",
    manager: "TM",
    posts: [
      { role: "TM", count: 1 },
      { role: "ATM", count: 1 },
      { role: "SW", count: 7, partTime: [1, 0.8] },
    ],
  },
  kinship: {
    kind: "kinship",
    name: numbered("Kinship and Connected Persons Team"),
    unitType: "team",
    manager: "TM",
    posts: [
      { role: "TM", count: 1 },
      { role: "SSW", count: 1 },
      { role: "SW", count: 5 },
    ],
  },
  permanence: {
    kind: "permanence",
    name: numbered("Permanence and Adoption Team"),
    unitType: "team",
    manager: "TM",
    posts: [
      { role: "TM", count: 1 },
      { role: "SW", count: 5 },
    ],
  },
  disabledChildren: {
    kind: "disabledChildren",
    name: numbered("Disabled Children's Team"),
    unitType: "team",
    manager: "TM",
    posts: [
      { role: "TM", count: 1 },
      { role: "ATM", count: 1 },
      { role: "SSW", count: 1 },
      { role: "SW", count: 6 },
    ],
  },
  shortBreaks: {
    kind: "shortBreaks",
    name: numbered("Short Breaks Team"),
    unitType: "team",
    manager: "TL",
    posts: [
      { role: "TL", count: 1 },
      { role: "SBW", count: 7, partTime: [3, 0.5] },
    ],
  },
  iro: {
    kind: "iro",
    name: numbered("Independent Reviewing Service"),
    unitType: "team",
    manager: "TM",
    posts: [
      { role: "TM", count: 1 },
      { role: "IRO", count: 6, partTime: [1, 0.8] },
      { role: "CPC", count: 2 },
    ],
  },
  academy: {
    kind: "academy",
    name: numbered("Principal Social Worker and Social Work Academy"),
    unitType: "team",
    manager: "PSW",
    posts: [
      { role: "PSW", count: 1 },
      { role: "PE", count: 2 },
      { role: "WDO", count: 2 },
    ],
  },
  qualityAssurance: {
    kind: "qualityAssurance",
    name: numbered("Quality Assurance Team"),
    unitType: "team",
    manager: "TM",
    posts: [
      { role: "TM", count: 1 },
      { role: "QAP", count: 3 },
    ],
  },
  earlyHelp: {
    kind: "earlyHelp",
    name: (n: number) =>
      `Early Help Locality Team ${["North", "South", "East", "West", "Central", "Riverside", "Coast", "Vale"][(n - 1) % 8]}${n > 8 ? ` ${Math.ceil(n / 8)}` : ""}`,
    unitType: "team",
    manager: "TL",
    posts: [
      { role: "TL", count: 1 },
      { role: "EHP", count: 6, partTime: [1, 0.6] },
    ],
  },
  familyHub: {
    kind: "familyHub",
    name: numbered("Family Hub"),
    unitType: "team",
    manager: "TL",
    posts: [
      { role: "TL", count: 1 },
      { role: "FHW", count: 6, partTime: [2, 0.5] },
    ],
  },
  home: {
    kind: "home",
    name: (n: number) =>
      `${homeNames[(n - 1) % homeNames.length]}${n > homeNames.length ? ` ${Math.ceil(n / homeNames.length)}` : ""}`,
    unitType: "home",
    manager: "RM",
    posts: [
      { role: "RM", count: 1 },
      { role: "DM", count: 1 },
      { role: "SRCW", count: 3 },
      { role: "RCW", count: 10, partTime: [3, 0.6] },
    ],
  },
  businessSupport: {
    kind: "businessSupport",
    name: numbered("Business Support Team"),
    unitType: "team",
    manager: "BSTL",
    posts: [
      { role: "BSTL", count: 1 },
      { role: "BSO", count: 7, partTime: [2, 0.5] },
    ],
  },
} as const satisfies Record<string, TeamShape>;

export type TeamKind = keyof typeof teamShapes;

export type ServiceKey =
  | "safeguarding"
  | "children_in_care"
  | "fostering"
  | "disabled"
  | "quality"
  | "early_help"
  | "residential"
  | "business";

export interface ServiceShape {
  key: ServiceKey;
  code: string;
  name: string;
  /** Head of the service: a Head of Service, or in the smaller services a Service Manager. */
  head: JobRoleCode;
  /** Service managers between the head and the teams, one per this many teams. */
  teamsPerServiceManager: number | null;
  /**
   * Teams per 600 staff (the demo's size). Kinds with 2 or more grow to reach the staff asked for;
   * the others scale in proportion (at least one each); the Social Work Academy is one per 2,500 staff.
   */
  teams: readonly (readonly [TeamKind, number])[];
}

export const serviceShapes: readonly ServiceShape[] = [
  {
    key: "safeguarding",
    code: "SFH",
    name: "Safeguarding and Family Help",
    head: "HOS",
    teamsPerServiceManager: 5,
    teams: [
      ["frontDoor", 1],
      ["assessment", 6],
      ["cinCp", 7],
      ["edt", 1],
    ],
  },
  {
    key: "children_in_care",
    code: "CIC",
    name: "Children in Care and Care Leavers",
    head: "HOS",
    teamsPerServiceManager: 5,
    teams: [
      ["cla", 6],
      ["careLeavers", 2],
      ["familyTime", 2],
    ],
  },
  {
    key: "fostering",
    code: "FAD",
    name: "Fostering and Adoption",
    head: "HOS",
    teamsPerServiceManager: 5,
    teams: [
      ["fosteringAssessment", 1],
      ["fosteringSupport", 2],
      ["kinship", 1],
      ["permanence", 1],
    ],
  },
  {
    key: "disabled",
    code: "DCS",
    name: "Disabled Children's Service",
    head: "SM",
    teamsPerServiceManager: null,
    teams: [
      ["disabledChildren", 1],
      ["shortBreaks", 1],
    ],
  },
  {
    key: "quality",
    code: "QA",
    name: "Quality Assurance and Independent Reviewing",
    head: "SM",
    teamsPerServiceManager: null,
    teams: [
      ["iro", 1],
      ["academy", 1],
      ["qualityAssurance", 1],
    ],
  },
  {
    key: "early_help",
    code: "EH",
    name: "Early Help",
    head: "HOS",
    teamsPerServiceManager: 5,
    teams: [
      ["earlyHelp", 5],
      ["familyHub", 5],
      // The family support teams start here and move to Safeguarding and Family Help (the restructure).
      ["familySupport", 4],
    ],
  },
  {
    key: "residential",
    code: "RES",
    name: "Residential Children's Homes",
    head: "SM",
    teamsPerServiceManager: null,
    teams: [["home", 4]],
  },
  {
    key: "business",
    code: "BUS",
    name: "Business Support",
    head: "BSM",
    teamsPerServiceManager: null,
    teams: [["businessSupport", 8]],
  },
];

/**
 * Ethnicity of staff (England's children's social work workforce is about 72% White, 12% Black, 9%
 * Asian, 5% mixed, 2% other), with the name group each draws from. Weights are per 100.
 */
export const ethnicityMix: readonly (readonly [EthnicityCode, number, readonly NameGroup[]])[] = [
  ["WBRI", 60, ["british"]],
  ["WIRI", 2, ["irish"]],
  ["WOTH", 7, ["european", "european", "british"]],
  ["MWBC", 1.5, ["british", "caribbean"]],
  ["MWBA", 0.8, ["british", "african"]],
  ["MWAS", 1, ["british", "southAsian"]],
  ["MOTH", 1, ["british", "european"]],
  ["AIND", 2.5, ["southAsian"]],
  ["APKN", 3, ["southAsian"]],
  ["ABAN", 1, ["southAsian"]],
  ["AOTH", 1, ["southAsian"]],
  ["BCRB", 2.5, ["caribbean"]],
  ["BAFR", 8, ["african"]],
  ["BOTH", 1, ["african", "caribbean"]],
  ["CHNE", 0.5, ["chinese"]],
  ["OOTH", 1.5, ["european", "british"]],
  ["REFU", 3, ["british", "southAsian", "african", "european"]],
  ["NOBT", 2, ["british", "irish", "african"]],
];

/** DfE leaving reasons, weighted (resignation dominates; retirement for older leavers is separate). */
export const leavingReasonMix: readonly (readonly [number, number])[] = [
  [1, 78],
  [2, 1.5],
  [3, 0.5],
  [4, 2.5],
  [6, 0.3],
  [7, 5],
  [8, 5],
  [9, 4],
];

/** Where social workers who resign go (DfE destination codes). */
export const destinationMix: readonly (readonly [number, number])[] = [
  [1, 34],
  [2, 3],
  [3, 22],
  [4, 10],
  [5, 8],
  [6, 12],
  [7, 3],
  [8, 8],
];

export const exitNotes = [
  "Moving closer to family.",
  "Relocating with partner's work.",
  "Better paid post in a neighbouring authority.",
  "Going to agency work for the flexibility.",
  "Promotion elsewhere: wanted a team manager post.",
  "Caseload too high for too long.",
  "Wants to work part-time; could not be accommodated in the team.",
  "Career break to look after young children.",
  "Leaving social work for teaching.",
  "Said supervision had become irregular after the team manager left.",
  "Travel time to the office after the move to the new building.",
  "Moving to a fostering agency.",
];

export interface PartnerOrgShape {
  name: (place: string) => string;
  sector: "police" | "health" | "education" | "voluntary" | "other";
  domain: (slug: string) => string | null;
}

export const partnerOrgShapes: readonly PartnerOrgShape[] = [
  {
    name: (p) => `${p} Police Public Protection Unit`,
    sector: "police",
    domain: (s) => `${s}.police.uk`,
  },
  {
    name: (p) => `${p} Integrated Care Board Safeguarding Team`,
    sector: "health",
    domain: (s) => `${s}icb.nhs.uk`,
  },
  {
    name: (p) => `${p} Community Health Services (Health Visiting and School Nursing)`,
    sector: "health",
    domain: (s) => `${s}community.nhs.uk`,
  },
  {
    name: (p) => `${p} Women's Aid`,
    sector: "voluntary",
    domain: (s) => `${s}womensaid.org.uk`,
  },
  {
    name: (p) => `${p} Young Carers Project`,
    sector: "voluntary",
    domain: () => null,
  },
];

export const schoolNames = [
  "St Mary's Church of England Primary School",
  "Hillside Primary School",
  "Northfield Academy",
  "Meadowbank Primary School",
  "Queen Elizabeth High School",
  "St Joseph's Catholic Primary School",
  "Riverside Community College",
  "Brook Lane Infant School",
  "Kingsway Junior School",
  "Park View Academy",
  "Oakwood Primary School",
  "Castle Hill School",
];
