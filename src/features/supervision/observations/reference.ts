import type { ObservationTheme, QualityGrade } from "../schema.js";

export const themeNames: Record<ObservationTheme, string> = {
  child_focus: "Focus on the child",
  reflection_and_analysis: "Reflection and analysis",
  risk_and_decision_making: "Risk and decision making",
  wellbeing_and_support: "Wellbeing and support",
  practice_model: "Use of the practice model",
  smart_actions: "SMART actions",
  learning_and_development: "Learning and development",
  relationship_and_challenge: "Relationship and challenge",
};

/** Ofsted's words. */
export const gradeNames: Record<QualityGrade, string> = {
  outstanding: "Outstanding",
  good: "Good",
  requires_improvement: "Requires improvement",
  inadequate: "Inadequate",
};
