/** Nothing in Regulars is deleted from the console: stores close, staff are disabled, keys revoked. */
import { SaveButton, Toolbar } from "react-admin";

export function SaveOnlyToolbar() {
  return (
    <Toolbar>
      <SaveButton />
    </Toolbar>
  );
}
