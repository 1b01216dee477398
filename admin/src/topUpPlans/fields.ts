/** What a top-up plan is: its record and the choices its form and list share. */
import { choicesFor } from "../common/choices";

const P = "resources.topUpPlans";
export const scopeChoices = choicesFor(`${P}.scope`, ["any", "store", "city"] as const);
export const statusChoices = choicesFor(`${P}.status`, ["active", "paused"] as const);

export interface TopUpPlanRecord {
  id: string;
  name: string;
  pay: number;
  bonus: number;
  scope: "any" | "store" | "city";
  status: "active" | "paused";
}
