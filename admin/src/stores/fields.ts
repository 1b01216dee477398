import { choicesFor } from "../common/choices";

export const storeStatusChoices = choicesFor("resources.stores.status", ["open", "closed"] as const);
