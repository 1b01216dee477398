import { choicesFor } from "../common/choices";

export const roleChoices = choicesFor("resources.staff.role", ["owner", "manager", "clerk"] as const);
export const staffStatusChoices = choicesFor("resources.staff.status", ["active", "disabled"] as const);
