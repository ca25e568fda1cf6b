/**
 * The learning offer's reference data: tiers and the groupings within each, delivery modes and
 * booking routes. The tiers and groupings are those of the councils' workforce strategies (for
 * example North East Lincolnshire's "Workforce Development Offer": core, essential and specialist
 * skills by pillar; leadership by practice, people, performance and supervision; accredited
 * programmes by level; carers' training by mandatory, safeguarding and understanding children).
 */
export const tiers = ["core", "essential", "specialist", "leadership", "accredited", "carers"] as const;
export type Tier = (typeof tiers)[number];

export const tierNames: Record<Tier, string> = {
  core: "Core",
  essential: "Essential skills",
  specialist: "Specialist skills",
  leadership: "Management and leadership",
  accredited: "Accredited programmes",
  carers: "Carers and homes staff",
};

const pillars = {
  assessment: "Assessment",
  planning: "Planning",
  intervention: "Intervention",
  direct_work: "Direct work",
  bespoke: "Bespoke sessions",
};

/** The groupings within each tier (key -> name), in the order they are shown. */
export const tierGroups: Record<Tier, Record<string, string>> = {
  core: pillars,
  essential: pillars,
  specialist: pillars,
  leadership: {
    practice: "Practice",
    people: "People",
    performance: "Performance",
    supervision: "Supervision",
  },
  accredited: { level_2: "Level 2", level_3: "Level 3", level_4: "Level 4", level_5: "Level 5" },
  carers: {
    mandatory: "Mandatory and procedural",
    safeguarding: "Safeguarding",
    understanding_children: "Understanding children and young people",
  },
};

export const deliveries = ["face_to_face", "virtual", "e_learning", "blended", "accredited"] as const;
export type Delivery = (typeof deliveries)[number];
export const deliveryNames: Record<Delivery, string> = {
  face_to_face: "Face to face",
  virtual: "Virtual (online, live)",
  e_learning: "E-learning",
  blended: "Blended",
  accredited: "Accredited programme",
};

/** How a place is booked: by the learner, with their manager's approval, or by L&D's. */
export const bookingRoutes = ["self", "manager", "learning_team"] as const;
export type BookingRoute = (typeof bookingRoutes)[number];
export const bookingRouteNames: Record<BookingRoute, string> = {
  self: "Book yourself",
  manager: "Your manager approves",
  learning_team: "Learning and development approve",
};

/** The practice model's strands (courses may belong to one, at a level). */
export const practiceModelStrands = [
  "Signs of Safety",
  "Restorative Practice",
  "Trauma Informed Practice",
] as const;

/** The nine domains of the Professional Capabilities Framework (BASW). */
export const pcfDomains = {
  professionalism: "Professionalism",
  values_ethics: "Values and ethics",
  diversity_equality: "Diversity and equality",
  rights_justice: "Rights, justice and economic wellbeing",
  knowledge: "Knowledge",
  critical_reflection: "Critical reflection and analysis",
  skills_interventions: "Skills and interventions",
  contexts_organisations: "Contexts and organisations",
  professional_leadership: "Professional leadership",
} as const;
export type PcfDomain = keyof typeof pcfDomains;

export function isGroupOf(tier: Tier, group: string): boolean {
  return group in tierGroups[tier];
}
