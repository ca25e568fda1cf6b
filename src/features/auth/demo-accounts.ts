/** Shown on the sign-in page in demo mode only. Made by the demo seed (seed-demo-users.ts). */
export const DEMO_PASSWORD = "demo-workforce-academy";

export interface DemoAccount {
  email: string;
  role: string;
  roleName: string;
}

export const demoAccounts: DemoAccount[] = [
  { email: "practitioner@demo.test", role: "practitioner", roleName: "Practitioner" },
  { email: "line.manager@demo.test", role: "line_manager", roleName: "Line manager / practice supervisor" },
  { email: "service.manager@demo.test", role: "service_manager", roleName: "Service manager" },
  {
    email: "learning@demo.test",
    role: "learning_and_development_officer",
    roleName: "Learning and development officer",
  },
  { email: "asye.coordinator@demo.test", role: "asye_coordinator", roleName: "ASYE co-ordinator" },
  { email: "assessor@demo.test", role: "assessor", roleName: "Assessor and mentor" },
  {
    email: "supervising.sw@demo.test",
    role: "supervising_social_worker",
    roleName: "Supervising social worker",
  },
  { email: "hr@demo.test", role: "hr_workforce_analyst", roleName: "HR and workforce analyst" },
  { email: "quality@demo.test", role: "quality_assurance_lead", roleName: "Quality assurance lead" },
  { email: "senior.leader@demo.test", role: "senior_leader", roleName: "Senior leader" },
  { email: "admin@demo.test", role: "system_administrator", roleName: "System administrator" },
  { email: "foster.carer@demo.test", role: "external_learner", roleName: "External learner (foster carer)" },
];
