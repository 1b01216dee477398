/** Money in the loyalty settings: the console's one formatter (common/fen.ts). */
export { formatFen } from "../common/fen";
